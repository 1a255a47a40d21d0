//! The editor state machine: Action -> State (+ effects). No terminal, no waiting on I/O.
