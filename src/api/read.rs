//! Reading an answer body as a stream of decoded chunks, stopping at the cap: a small gzip
//! answer that inflates to gigabytes, or a huge plain one, is refused after `limit` bytes
//! instead of being held in memory.

/// Why a body could not be read whole.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// More than the limit (declared or decoded).
    TooLarge,
    /// The transfer failed (cut off, timed out, bad encoding).
    Http(reqwest::Error),
}

/// Most bytes reserved up front, whatever length the answer declares.
const MAX_RESERVE: u64 = 1 << 20;

/// The whole (decoded) body, or [`ReadError::TooLarge`] as soon as it passes `limit`.
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    // A declared length over the cap is refused before a byte is read.
    let declared = response.content_length();
    if declared.is_some_and(|n| n > limit) {
        return Err(ReadError::TooLarge);
    }
    let reserve = declared.unwrap_or(0).min(MAX_RESERVE).min(limit);
    let mut body = Vec::with_capacity(usize::try_from(reserve).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Http)? {
        if (body.len() + chunk.len()) as u64 > limit {
            // Dropping the response closes the connection: nothing more is inflated.
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
