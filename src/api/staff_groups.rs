//! Staff: create, edit and archive groups; cancel, restore and name sessions.

// `save_group` takes one argument per field of the plain HTML form (so it works
// without JavaScript); the macro-generated client stub cannot carry an item-level
// allow, hence this module-level one.
#![allow(clippy::too_many_arguments)]

use crate::domain::group_input::GroupInput;
use crate::error::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An existing group in the shape of the edit form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupEditData {
    /// The group's slug (never changes).
    pub slug: String,
    /// The form values.
    pub input: GroupInput,
    /// Whether the group is archived.
    pub archived: bool,
    /// The next sessions of the saved schedule, in words.
    pub preview: Vec<String>,
}

/// Staff: one group's editable fields (including the video link).
#[server(endpoint = "get_group_for_edit", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_group_for_edit(slug: String) -> AppResult<GroupEditData> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            crate::server::auth::require_staff()?;
            let row = crate::server::repo::groups::find_by_slug(&state.db, &slug)
                .await?
                .ok_or(crate::error::AppError::NotFound)?;
            let mut data = crate::server::staff_groups::edit_data(&row);
            data.preview = crate::server::staff_groups::preview(
                &state,
                &data.input.weekdays,
                &data.input.start_time,
                &data.input.duration_minutes,
            )
            .await?;
            Ok(data)
        }
        .await,
    )
}

/// Staff: creates a group (empty `slug`) or saves an existing one, then
/// regenerates its future sessions and goes to its page.
#[server(endpoint = "save_group")]
pub async fn save_group(
    slug: String,
    name: String,
    kind: String,
    description: String,
    #[server(default)] levels: Vec<String>,
    facilitator: String,
    #[server(default)] co_facilitator: String,
    format: String,
    #[server(default)] location: String,
    #[server(default)] virtual_link: String,
    capacity: String,
    min_size: String,
    language: String,
    #[server(default)] accessibility: String,
    #[server(default)] is_open: Option<String>,
    #[server(default)] weekdays: Vec<String>,
    start_time: String,
    duration_minutes: String,
    #[server(default)] confirm_drop: Option<String>,
) -> AppResult<String> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            let input = GroupInput {
                name,
                kind,
                description,
                levels,
                facilitator,
                co_facilitator,
                format,
                location,
                virtual_link,
                capacity,
                min_size,
                language,
                accessibility,
                is_open: is_open.is_some_and(|v| !v.is_empty() && v != "false"),
                weekdays,
                start_time,
                duration_minutes,
            };
            let draft = crate::domain::group_input::GroupDraft::parse(&input)?;
            let slug = crate::server::staff_groups::save(
                &state,
                &staff,
                &slug,
                &draft,
                confirm_drop.is_some_and(|v| !v.is_empty() && v != "false"),
            )
            .await?;
            leptos_axum::redirect(&format!("/groups/{slug}?saved=1"));
            Ok(slug)
        }
        .await,
    )
}

/// Staff: archives a group (hidden from the directory; its future sessions are
/// removed unless someone signed up). Reversible with `restore_group`.
#[server(endpoint = "archive_group")]
pub async fn archive_group(slug: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::staff_groups::set_archived(&state, &staff, &slug, true).await?;
            leptos_axum::redirect(&format!("/staff/groups/{slug}/edit?archived=1"));
            Ok(())
        }
        .await,
    )
}

/// Staff: brings an archived group back to the directory.
#[server(endpoint = "restore_group")]
pub async fn restore_group(slug: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::staff_groups::set_archived(&state, &staff, &slug, false).await?;
            leptos_axum::redirect(&format!("/groups/{slug}?restored=1"));
            Ok(())
        }
        .await,
    )
}

/// Staff: the next sessions a schedule would create, in words (for the form's preview).
#[server(endpoint = "preview_schedule", input = leptos::server_fn::codec::GetUrl)]
pub async fn preview_schedule(
    #[server(default)] weekdays: Vec<String>,
    start_time: String,
    duration_minutes: String,
) -> AppResult<Vec<String>> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            crate::server::auth::require_staff()?;
            crate::server::staff_groups::preview(&state, &weekdays, &start_time, &duration_minutes)
                .await
        }
        .await,
    )
}

/// Staff: cancels one session with a reason shown to clients.
#[server(endpoint = "cancel_session")]
pub async fn cancel_session(session_id: i64, reason: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::staff_groups::cancel_session(&state, &staff, session_id, Some(&reason))
                .await
        }
        .await,
    )
}

/// Staff: restores a cancelled session.
#[server(endpoint = "restore_session")]
pub async fn restore_session(session_id: i64) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::staff_groups::cancel_session(&state, &staff, session_id, None).await
        }
        .await,
    )
}

/// Staff: sets the topic of the day for one session (empty clears it).
#[server(endpoint = "set_session_topic")]
pub async fn set_session_topic(session_id: i64, topic: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::staff_groups::set_topic(&state, &staff, session_id, &topic).await
        }
        .await,
    )
}
