//! The group directory: listing with filters, and one group's page.

use crate::domain::group::{DirectoryPage, GroupDetail};
use crate::error::AppResult;
use leptos::prelude::*;

/// Directory filters exactly as they appear in the page's query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DirectoryQuery {
    /// Weekday ("mon" …).
    pub day: Option<String>,
    /// Time of day ("morning" …).
    pub time: Option<String>,
    /// Kind of group.
    pub kind: Option<String>,
    /// Level of care.
    pub level: Option<String>,
    /// Format.
    pub format: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// "1" for only groups with open seats.
    pub seats: Option<String>,
    /// Keywords.
    pub q: Option<String>,
    /// Page number, from 1.
    pub page: Option<String>,
}

impl DirectoryQuery {
    /// The value of one parameter by name.
    pub fn get(&self, key: &str) -> Option<String> {
        match key {
            "day" => self.day.clone(),
            "time" => self.time.clone(),
            "kind" => self.kind.clone(),
            "level" => self.level.clone(),
            "format" => self.format.clone(),
            "language" => self.language.clone(),
            "seats" => self.seats.clone(),
            "q" => self.q.clone(),
            _ => None,
        }
    }
}

/// Lists the directory: active groups matching the filters, ordered from now.
/// Public unless the directory is configured members-only.
#[server(endpoint = "list_groups", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_groups(#[server(default)] query: DirectoryQuery) -> AppResult<DirectoryPage> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let viewer = crate::server::auth::current_principal()?;
            crate::server::auth::require_directory_access(&state, viewer.as_ref())?;
            let filter = crate::domain::group::DirectoryFilter::from_query(|k| query.get(k));
            let now = state.now();
            let all = crate::server::directory::all_summaries(&state, now).await?;
            let total = all.len();
            let mut languages: Vec<String> = all.iter().map(|g| g.language.clone()).collect();
            languages.sort();
            languages.dedup();
            let mut matching: Vec<_> = all
                .into_iter()
                .filter(|g| filter.matches(g))
                .map(|mut g| {
                    g.search_text.clear();
                    g
                })
                .collect();
            crate::domain::group::order_from_now(&mut matching, now);
            let size = crate::domain::group::PAGE_SIZE;
            let pages = matching.len().div_ceil(size).max(1);
            let page = query
                .page
                .as_deref()
                .and_then(|p| p.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, pages);
            let count = matching.len();
            let groups = matching
                .into_iter()
                .skip((page - 1) * size)
                .take(size)
                .collect();
            Ok(DirectoryPage {
                groups,
                matching: count,
                page,
                pages,
                total,
                viewer_level: viewer.and_then(|v| v.level_of_care),
                languages,
            })
        }
        .await,
    )
}

/// One group with its upcoming sessions. Never lists who attends.
#[server(endpoint = "get_group", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_group(slug: String) -> AppResult<GroupDetail> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let viewer = crate::server::auth::current_principal()?;
            crate::server::auth::require_directory_access(&state, viewer.as_ref())?;
            let row = crate::server::repo::groups::find_by_slug(&state.db, &slug)
                .await?
                .filter(|g| {
                    g.archived_at.is_none() || viewer.as_ref().is_some_and(|v| v.role.is_staff())
                })
                .ok_or(crate::error::AppError::NotFound)?;
            let now = state.now();
            let tz = crate::server::directory::program_tz(&state);
            let upcoming: Vec<_> =
                crate::server::repo::groups::sessions_after(&state.db, row.id, now, 8)
                    .await?
                    .iter()
                    .map(|s| crate::server::directory::session_summary(s, now, &tz))
                    .collect();
            let next = upcoming.iter().find(|s| s.cancelled.is_none()).cloned();
            let summary = crate::server::directory::summary_of(&row, next, now);
            let viewer_may_join = viewer
                .as_ref()
                .and_then(|v| v.level_of_care)
                .map(|level| summary.levels.contains(level));
            let format = summary.format;
            Ok(GroupDetail {
                summary: crate::domain::group::GroupSummary {
                    search_text: String::new(),
                    ..summary
                },
                description: row.description,
                facilitator: row.facilitator,
                co_facilitator: row.co_facilitator,
                location: (format == crate::domain::group::GroupFormat::InPerson)
                    .then_some(row.location)
                    .flatten(),
                accessibility: row.accessibility,
                capacity: row.capacity,
                time_zone: state.config.time_zone.clone(),
                upcoming,
                viewer_may_join,
            })
        }
        .await,
    )
}
