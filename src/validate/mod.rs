//! Every documented rule of the channel body: (body) -> Vec<Diagnostic>.
