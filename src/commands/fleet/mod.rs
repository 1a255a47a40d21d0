//! The commands that span channels and gateways: `find` a backend everywhere it is a member,
//! `drain` it as one operation, and `undrain` that operation.

mod batch;
pub mod drain;
pub mod find;
pub mod gateways;
mod search;
pub mod undrain;
