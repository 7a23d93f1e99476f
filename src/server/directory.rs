//! Directory services: turning rows into summaries in the program's time zone,
//! and keeping concrete sessions in step with weekly schedules.

use crate::domain::group::{GroupFormat, GroupKind, GroupSummary, Levels, SessionSummary, Timing};
use crate::domain::schedule::{
    describe_start, expand, local_date, LocalTime, Weekdays, WeeklySchedule,
};
use crate::error::AppResult;
use crate::server::repo::groups::{self, GroupRow, SessionRow, SyncReport};
use crate::server::state::AppState;
use jiff::tz::TimeZone;
use std::sync::Arc;

/// How far ahead sessions are generated.
pub const HORIZON_DAYS: u16 = 56;

/// The program's time zone (validated at start).
pub fn program_tz(state: &AppState) -> TimeZone {
    TimeZone::get(&state.config.time_zone).unwrap_or(TimeZone::UTC)
}

/// The weekly schedule of a group row.
pub fn schedule_of(row: &GroupRow) -> WeeklySchedule {
    WeeklySchedule {
        weekdays: Weekdays(u8::try_from(row.weekdays).unwrap_or(0)),
        start: LocalTime {
            hour: u8::try_from(row.start_minute / 60).unwrap_or(0),
            minute: u8::try_from(row.start_minute % 60).unwrap_or(0),
        },
        duration_minutes: u16::try_from(row.duration_minutes).unwrap_or(60),
    }
}

/// A session as people see it.
pub fn session_summary(s: &SessionRow, now: i64, tz: &TimeZone) -> SessionSummary {
    SessionSummary {
        id: s.id,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        when: describe_start(s.starts_at, now, tz),
        seats_left: (s.capacity - s.taken).max(0),
        topic: s.topic.clone(),
        cancelled: s
            .cancelled_at
            .map(|_| s.cancel_reason.clone().unwrap_or_default()),
    }
}

/// A directory summary of a group row and its next session.
pub fn summary_of(row: &GroupRow, next: Option<SessionSummary>, now: i64) -> GroupSummary {
    let kind = GroupKind::parse(&row.kind).unwrap_or(GroupKind::Other);
    let mut summary = GroupSummary {
        slug: row.slug.clone(),
        name: row.name.clone(),
        kind,
        levels: Levels(u8::try_from(row.levels).unwrap_or(0)),
        format: GroupFormat::parse(&row.format).unwrap_or(GroupFormat::InPerson),
        language: row.language.clone(),
        schedule: schedule_of(row),
        is_open: row.is_open,
        next,
        timing: Timing::None,
        search_text: format!(
            "{} {} {} {} {} {}",
            row.name,
            row.description,
            row.facilitator,
            row.co_facilitator.as_deref().unwrap_or_default(),
            kind.label(),
            row.language
        ),
    };
    summary.timing = summary.timing_at(now);
    summary
}

/// How long a directory listing read from the database is reused, in seconds.
/// Changes made through this server clear it at once; other servers of a
/// PostgreSQL deployment see them within this time.
pub const CACHE_SECS: i64 = 2;

/// The directory listing (groups with their next session) as last read, so a
/// busy directory costs one query per [`CACHE_SECS`], not one per page view.
#[derive(Default)]
pub struct DirectoryCache(std::sync::Mutex<Option<(i64, Arc<Vec<groups::GroupWithNext>>)>>);

impl DirectoryCache {
    /// Forgets the cached listing (after any change to groups or sessions).
    pub fn clear(&self) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = None;
        }
    }

    fn get(&self, now: i64) -> Option<Arc<Vec<groups::GroupWithNext>>> {
        let slot = self.0.lock().ok()?;
        slot.as_ref()
            .filter(|(at, _)| (0..CACHE_SECS).contains(&(now - at)))
            .map(|(_, rows)| rows.clone())
    }

    fn put(&self, now: i64, rows: Arc<Vec<groups::GroupWithNext>>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some((now, rows));
        }
    }
}

/// Every active group with its next session, as of `now`.
pub async fn all_summaries(state: &AppState, now: i64) -> AppResult<Vec<GroupSummary>> {
    let tz = program_tz(state);
    let rows = match state.directory_cache.get(now) {
        Some(rows) => rows,
        None => {
            let rows = Arc::new(groups::list_active_with_next(&state.db, now).await?);
            state.directory_cache.put(now, rows.clone());
            rows
        }
    };
    // A cached next session may have ended since it was read.
    let rows: Vec<&groups::GroupWithNext> = rows.iter().collect();
    Ok(rows
        .iter()
        .map(|r| {
            let next = match (r.next_id, r.next_starts_at, r.next_ends_at) {
                (Some(id), Some(starts_at), Some(ends_at)) if ends_at > now => {
                    Some(SessionSummary {
                        id,
                        starts_at,
                        ends_at,
                        when: describe_start(starts_at, now, &tz),
                        seats_left: r.next_seats_left.unwrap_or(0).max(0),
                        topic: r.next_topic.clone(),
                        cancelled: None,
                    })
                }
                _ => None,
            };
            summary_of(&r.group, next, now)
        })
        .collect())
}

/// The sessions (start, end) a weekly schedule produces over the rolling
/// horizon from today, skipping program closures.
pub async fn planned_occurrences(
    state: &AppState,
    schedule: &WeeklySchedule,
) -> AppResult<Vec<(i64, i64)>> {
    let tz = program_tz(state);
    let Some(today) = local_date(state.now(), &tz) else {
        return Ok(Vec::new());
    };
    let closures: Vec<jiff::civil::Date> = groups::closures_from(&state.db, &today.to_string())
        .await?
        .into_iter()
        .filter_map(|(day, _)| day.parse().ok())
        .collect();
    Ok(expand(schedule, &tz, today, HORIZON_DAYS, &closures)
        .into_iter()
        .map(|o| (o.starts_at, o.ends_at))
        .collect())
}

/// Regenerates the future sessions of one group from its schedule. Sessions
/// the schedule no longer has but that people signed up for are cancelled with
/// `reason`, and those people are told.
pub async fn sync_group(state: &AppState, row: &GroupRow, reason: &str) -> AppResult<SyncReport> {
    let now = state.now();
    let occurrences = if row.archived_at.is_some() {
        Vec::new()
    } else {
        planned_occurrences(state, &schedule_of(row)).await?
    };
    let report = groups::sync_sessions(&state.db, row.id, row.capacity, &occurrences, now).await?;
    for id in &report.kept_with_signups {
        let Some(session) = groups::find_session(&state.db, *id).await? else {
            continue;
        };
        if session.cancelled_at.is_none() {
            groups::set_session_cancelled(&state.db, *id, Some(now), Some(reason)).await?;
            crate::server::signup::notify_session_change(state, &session, Some(reason)).await?;
        }
    }
    // A raised capacity opens seats: they go to the waitlist first.
    crate::server::signup::fill_open_seats(state).await?;
    state.directory_cache.clear();
    Ok(report)
}

/// Regenerates the sessions of every active group (at start and daily).
pub async fn sync_all(state: &AppState, reason: &str) -> AppResult<()> {
    for row in groups::list_active(&state.db).await? {
        let report = sync_group(state, &row, reason).await?;
        if !report.kept_with_signups.is_empty() {
            tracing::info!(group = row.id, sessions = ?report.kept_with_signups, "unscheduled sessions with signups cancelled; people told");
        }
    }
    Ok(())
}
