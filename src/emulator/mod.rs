//! A local APIG (axum) with the same paths, rules and error codes as the real service.
