//! Staff: program closure days (holidays), which no session is scheduled on.

use crate::error::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One closure day as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureView {
    /// The day, "YYYY-MM-DD".
    pub day: String,
    /// The day in words, "Thu, Nov 26, 2026".
    pub label: String,
    /// Why the program is closed (clients see it on cancelled sessions).
    pub reason: String,
}

/// Staff: upcoming closure days, soonest first.
#[server(endpoint = "list_closures", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_closures() -> AppResult<Vec<ClosureView>> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            crate::server::auth::require_staff()?;
            crate::server::closures::list(&state).await
        }
        .await,
    )
}

/// Staff: closes the program on a day; sessions that day are removed (or kept
/// and reported when someone signed up) and no new ones are scheduled.
#[server(endpoint = "add_closure")]
pub async fn add_closure(day: String, reason: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::closures::add(&state, &staff, &day, &reason).await
        }
        .await,
    )
}

/// Staff: reopens a closed day; its sessions are scheduled again.
#[server(endpoint = "remove_closure")]
pub async fn remove_closure(day: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::closures::remove(&state, &staff, &day).await
        }
        .await,
    )
}
