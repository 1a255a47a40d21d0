//! Structural diff between two channel bodies, members matched by identity.
