//! Async APIG client: endpoints, auth, errors, pagination.
