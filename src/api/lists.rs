//! Every page of a filtered list call: the filter's query pairs plus `offset`/`limit`, read
//! through `pages::fetch_all` (concurrent, capped, checked to add up) and read again while
//! the list shows signs of changing under it.

use serde::de::DeserializeOwned;

use super::ApiError;
use super::calls::page_query;
use super::client::Client;
use super::pages::{self, Page};

impl Client {
    /// GET `path` page by page. `split` takes a list answer apart into its total and items;
    /// `id` names an item for the duplicate check.
    pub(super) async fn every_page<R, T>(
        &self,
        path: &str,
        filter: &[(String, String)],
        what: &'static str,
        split: fn(R) -> Page<T>,
        id: fn(&T) -> Option<&str>,
    ) -> Result<Vec<T>, ApiError>
    where
        R: DeserializeOwned,
    {
        let paging = self.paging(what);
        self.reread(|| {
            pages::fetch_all(
                &paging,
                |offset, limit| {
                    let mut q = page_query(offset, limit);
                    q.extend(filter.iter().cloned());
                    async move {
                        let r: R = self.get_json(path, &q, what).await?;
                        Ok(split(r))
                    }
                },
                id,
            )
        })
        .await
    }
}
