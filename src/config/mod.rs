//! Profiles, credentials, and files on disk (drafts, journal, logs).
