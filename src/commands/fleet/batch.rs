//! The exit code of a drain or undrain, from what became of each channel.

use crate::commands::{EXIT_FAIL, EXIT_OK, EXIT_UNCONFIRMED};
pub use crate::tui::status_write::{Outcome, StatusWrite};

/// The exit code of one channel's outcome.
fn code(o: Outcome) -> i32 {
    match o {
        Outcome::Done => EXIT_OK,
        Outcome::Failed => EXIT_FAIL,
        Outcome::Unknown => EXIT_UNCONFIRMED,
    }
}

/// The exit code of several channels: an unknown outcome outweighs a failure.
pub fn worst_of(outcomes: impl IntoIterator<Item = Outcome>) -> i32 {
    worst(outcomes.into_iter().map(code))
}

/// The exit code of several channels: an unknown outcome outweighs a failure.
pub fn worst(codes: impl IntoIterator<Item = i32>) -> i32 {
    codes.into_iter().fold(EXIT_OK, |worst, c| {
        if c == EXIT_UNCONFIRMED || worst == EXIT_UNCONFIRMED {
            EXIT_UNCONFIRMED
        } else {
            worst.max(c)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_outcome_outweighs_a_failure() {
        assert_eq!(worst([]), EXIT_OK);
        assert_eq!(worst([EXIT_OK, EXIT_FAIL, EXIT_OK]), EXIT_FAIL);
        assert_eq!(worst([EXIT_UNCONFIRMED, EXIT_FAIL]), EXIT_UNCONFIRMED);
        assert_eq!(
            worst([EXIT_FAIL, EXIT_UNCONFIRMED, EXIT_OK]),
            EXIT_UNCONFIRMED
        );
    }
}
