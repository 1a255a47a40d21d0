//! ratatui rendering: pure functions of the app state.
