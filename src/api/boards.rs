//! Peer-support boards. Clients read and post under per-thread pseudonyms;
//! no response to a client carries an author id, name or e-mail address.

use crate::domain::board::{BoardPage, BoardSummary, ModerationQueue, PostOutcome, ThreadPage};
use crate::error::AppResult;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn checked(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The boards the signed-in person may read.
#[server(endpoint = "list_boards", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_boards() -> AppResult<Vec<BoardSummary>> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::list(&state, &who).await
        }
        .await,
    )
}

/// One board with a page of threads, newest activity first.
#[server(endpoint = "get_board", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_board(slug: String, #[server(default)] page: Option<i64>) -> AppResult<BoardPage> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::board_page(&state, &who, &slug, page.unwrap_or(1)).await
        }
        .await,
    )
}

/// One thread with its posts.
#[server(endpoint = "get_thread", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_thread(thread_id: i64) -> AppResult<ThreadPage> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::thread_page(&state, &who, thread_id).await
        }
        .await,
    )
}

/// Accepts the community guidelines (needed once before the first post).
#[server(endpoint = "accept_guidelines")]
pub async fn accept_guidelines() -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::accept_guidelines(&state, &who).await
        }
        .await,
    )
}

/// Starts a thread. Crisis language is published, answered with crisis help,
/// and queued for staff; private details need `confirm_private`.
#[server(endpoint = "start_thread")]
pub async fn start_thread(
    board: String,
    title: String,
    body: String,
    #[server(default)] warnings: Vec<String>,
    #[server(default)] confirm_private: Option<String>,
) -> AppResult<PostOutcome> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            let outcome = crate::server::boards::start_thread(
                &state,
                &who,
                &board,
                &title,
                &body,
                &parse_warnings(&warnings)?,
                checked(confirm_private.as_deref()),
            )
            .await?;
            leptos_axum::redirect(&post_location(&outcome));
            Ok(outcome)
        }
        .await,
    )
}

/// Replies to a thread.
#[server(endpoint = "reply_to_thread")]
pub async fn reply_to_thread(
    thread_id: i64,
    body: String,
    #[server(default)] warnings: Vec<String>,
    #[server(default)] confirm_private: Option<String>,
) -> AppResult<PostOutcome> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            let outcome = crate::server::boards::reply(
                &state,
                &who,
                thread_id,
                &body,
                &parse_warnings(&warnings)?,
                checked(confirm_private.as_deref()),
            )
            .await?;
            leptos_axum::redirect(&post_location(&outcome));
            Ok(outcome)
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn parse_warnings(values: &[String]) -> AppResult<Vec<crate::domain::board::ContentWarning>> {
    crate::domain::board::ContentWarning::parse_all(values).ok_or_else(|| {
        crate::error::AppError::invalid("warnings", "Choose from the listed content warnings.")
    })
}

/// Where a new post is shown: its thread, with the crisis panel when needed.
#[cfg(feature = "ssr")]
/// Where a new post is shown. `posted` makes the address differ from the
/// page the reply was written on, so following it loads the page again
/// (an address that differs only after `#` would just scroll).
fn post_location(outcome: &PostOutcome) -> String {
    format!(
        "/boards/threads/{}?posted={}{}#post-{}",
        outcome.thread_id,
        outcome.post_id,
        if outcome.crisis { "&crisis=1" } else { "" },
        outcome.post_id
    )
}

/// Adds or takes back a supportive reaction; answers whether it is now on.
#[server(endpoint = "react_to_post")]
pub async fn react_to_post(post_id: i64, reaction: String) -> AppResult<bool> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            let on = crate::server::boards::react(&state, &who, post_id, &reaction).await?;
            crate::server::http::back_to_post(post_id, None);
            Ok(on)
        }
        .await,
    )
}

/// Reports a post to staff.
#[server(endpoint = "report_post")]
pub async fn report_post(
    post_id: i64,
    reason: String,
    #[server(default)] note: String,
) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::report(&state, &who, post_id, &reason, &note).await?;
            crate::server::http::back_to_post(post_id, Some("reported"));
            Ok(())
        }
        .await,
    )
}

/// Staff: the moderation queue (crisis first, then oldest) and log.
#[server(endpoint = "get_moderation_queue", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_moderation_queue() -> AppResult<ModerationQueue> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            crate::server::auth::require_staff()?;
            crate::server::boards::queue(&state).await
        }
        .await,
    )
}

/// Staff: restores a post or removes it with a reason.
#[server(endpoint = "moderate_post")]
pub async fn moderate_post(
    post_id: i64,
    action: String,
    #[server(default)] reason: String,
) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::boards::moderate(&state, &staff, post_id, &action, &reason).await?;
            crate::server::http::back_to_post(post_id, None);
            Ok(())
        }
        .await,
    )
}

/// Staff: locks (`locked=true`) or reopens a thread.
#[server(endpoint = "lock_thread")]
pub async fn lock_thread(thread_id: i64, locked: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::boards::lock(&state, &staff, thread_id, locked == "true").await
        }
        .await,
    )
}

/// Staff: who wrote a post, with a written reason (audited).
#[server(endpoint = "reveal_author")]
pub async fn reveal_author(post_id: i64, reason: String) -> AppResult<String> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::boards::reveal(&state, &staff, post_id, &reason).await
        }
        .await,
    )
}

/// The author edits their post (within 15 minutes of posting).
#[server(endpoint = "edit_post")]
pub async fn edit_post(
    post_id: i64,
    body: String,
    #[server(default)] confirm_private: Option<String>,
) -> AppResult<PostOutcome> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            let confirmed = checked(confirm_private.as_deref());
            let outcome =
                crate::server::boards::edit(&state, &who, post_id, &body, confirmed).await?;
            crate::server::http::back_to_post(post_id, outcome.crisis.then_some("crisis"));
            Ok(outcome)
        }
        .await,
    )
}

/// The author deletes their post (within 15 minutes of posting).
#[server(endpoint = "delete_post")]
pub async fn delete_post(post_id: i64) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::delete(&state, &who, post_id).await?;
            crate::server::http::back_to_post(post_id, None);
            Ok(())
        }
        .await,
    )
}

/// Hides every post by this post's author from the reader, in every thread.
#[server(endpoint = "mute_author")]
pub async fn mute_author(post_id: i64) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::mute(&state, &who, post_id).await?;
            crate::server::http::back_to_post(post_id, None);
            Ok(())
        }
        .await,
    )
}

/// Shows everyone the reader muted again.
#[server(endpoint = "unmute_everyone")]
pub async fn unmute_everyone() -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::unmute_all(&state, &who).await
        }
        .await,
    )
}

/// Which content warnings the reader wants blurred.
#[server(endpoint = "set_blur_preferences")]
pub async fn set_blur_preferences(#[server(default)] blur: Vec<String>) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::boards::set_blur(&state, &who, &blur).await
        }
        .await,
    )
}
