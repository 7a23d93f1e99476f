//! Staff operations on groups and sessions, each audited.

use crate::api::staff_groups::GroupEditData;
use crate::domain::group::{slugify, GroupFormat, GroupKind, Levels};
use crate::domain::group_input::{GroupDraft, GroupInput};
use crate::domain::schedule::{
    describe_start, expand, local_date, LocalTime, Weekdays, WeeklySchedule,
};
use crate::error::{AppError, AppResult};
use crate::server::auth::Staff;
use crate::server::directory::{program_tz, schedule_of, sync_group};
use crate::server::repo::{audit, groups};
use crate::server::state::AppState;

/// The edit form's values for a stored group.
pub fn edit_data(row: &groups::GroupRow) -> GroupEditData {
    GroupEditData {
        slug: row.slug.clone(),
        input: GroupInput::from_parts(
            &row.name,
            GroupKind::parse(&row.kind).unwrap_or(GroupKind::Other),
            &row.description,
            Levels(u8::try_from(row.levels).unwrap_or(0)),
            &row.facilitator,
            row.co_facilitator.as_deref(),
            GroupFormat::parse(&row.format).unwrap_or(GroupFormat::InPerson),
            row.location.as_deref(),
            row.virtual_link.as_deref(),
            row.capacity,
            row.min_size,
            &row.language,
            &row.accessibility,
            row.is_open,
            schedule_of(row),
        ),
        archived: row.archived_at.is_some(),
        preview: Vec::new(),
    }
}

/// Saves a validated group (new when `slug` is empty) and regenerates its sessions.
/// Returns the slug.
pub async fn save(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    d: &GroupDraft,
    confirm_drop: bool,
) -> AppResult<String> {
    let now = state.now();
    if !slug.is_empty() && !confirm_drop {
        check_dropped_sessions(state, slug, d).await?;
    }
    let new_slug = if slug.is_empty() {
        slugify(&d.name)
    } else {
        slug.to_string()
    };
    if new_slug.is_empty() {
        return Err(AppError::invalid(
            "name",
            "Use some letters or numbers in the name.",
        ));
    }
    let fields = groups::GroupFields {
        slug: &new_slug,
        name: &d.name,
        kind: d.kind.as_str(),
        description: &d.description,
        levels: i64::from(d.levels.0),
        facilitator: &d.facilitator,
        co_facilitator: d.co_facilitator.as_deref(),
        format: d.format.as_str(),
        location: d.location.as_deref(),
        virtual_link: d.virtual_link.as_deref(),
        capacity: d.capacity,
        min_size: d.min_size,
        language: &d.language,
        accessibility: &d.accessibility,
        is_open: d.is_open,
        weekdays: i64::from(d.schedule.weekdays.0),
        start_minute: i64::from(d.schedule.start.minutes()),
        duration_minutes: i64::from(d.schedule.duration_minutes),
    };
    let action = if slug.is_empty() {
        if groups::insert(&state.db, &fields, now).await?.is_none() {
            return Err(AppError::invalid(
                "name",
                "A group with this name already exists. Choose a different name.",
            ));
        }
        "group.created"
    } else {
        let existing = groups::find_by_slug(&state.db, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        groups::update(&state.db, existing.id, &fields, now).await?;
        "group.updated"
    };
    let row = groups::find_by_slug(&state.db, &new_slug)
        .await?
        .ok_or(AppError::Internal)?;
    let report = sync_group(state, &row, "The group's schedule changed").await?;
    let detail = format!(
        "sessions added {}, removed {}, kept with signups {}",
        report.added,
        report.removed,
        report.kept_with_signups.len()
    );
    audit::append(
        &state.db,
        now,
        Some(staff.0.user_id),
        action,
        Some(&new_slug),
        Some(&detail),
    )
    .await?;
    Ok(new_slug)
}

/// Refuses a schedule change that would drop sessions people signed up for,
/// naming them, until staff confirm.
async fn check_dropped_sessions(state: &AppState, slug: &str, d: &GroupDraft) -> AppResult<()> {
    let Some(existing) = groups::find_by_slug(&state.db, slug).await? else {
        return Ok(());
    };
    let planned = crate::server::directory::planned_occurrences(state, &d.schedule).await?;
    let tz = program_tz(state);
    let at_risk = crate::server::repo::signups::future_sessions_with_signups(
        &state.db,
        existing.id,
        state.now(),
    )
    .await?;
    let dropped: Vec<(i64, i64)> = at_risk
        .into_iter()
        .filter(|(starts, _)| !planned.iter().any(|(s, _)| s == starts))
        .collect();
    if dropped.is_empty() {
        return Ok(());
    }
    let people: i64 = dropped.iter().map(|(_, n)| n).sum();
    let times: Vec<String> = dropped
        .iter()
        .take(4)
        .map(|(starts, _)| crate::server::signup::neutral_time(*starts, &tz))
        .collect();
    let more = if dropped.len() > 4 { ", …" } else { "" };
    Err(AppError::InvalidFields {
        fields: vec![crate::error::FieldError {
            field: "confirm_drop".into(),
            reason: format!(
                "The new schedule drops {} session{} that people signed up for ({}{more}); {people} signup{} in all. \
                 Confirm to cancel {} and tell everyone signed up, or change the schedule.",
                dropped.len(),
                if dropped.len() == 1 { "" } else { "s" },
                times.join(", "),
                if people == 1 { "" } else { "s" },
                if dropped.len() == 1 { "it" } else { "them" },
            ),
        }],
    })
}

/// Archives or restores a group.
pub async fn set_archived(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    archived: bool,
) -> AppResult<()> {
    let now = state.now();
    let row = groups::find_by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    groups::set_archived(&state.db, row.id, archived.then_some(now)).await?;
    let row = groups::find_by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::Internal)?;
    sync_group(state, &row, "This group is no longer running").await?;
    let action = if archived {
        "group.archived"
    } else {
        "group.restored"
    };
    audit::append(
        &state.db,
        now,
        Some(staff.0.user_id),
        action,
        Some(slug),
        None,
    )
    .await?;
    Ok(())
}

/// The next six sessions a schedule would create, in words.
pub async fn preview(
    state: &AppState,
    weekdays: &[String],
    start_time: &str,
    duration: &str,
) -> AppResult<Vec<String>> {
    let mut errors = Vec::new();
    let weekdays = Weekdays::parse(weekdays.iter().map(String::as_str))
        .map_err(|e| errors.push(e))
        .ok();
    let start = LocalTime::parse(start_time)
        .map_err(|e| errors.push(e))
        .ok();
    let duration_minutes = WeeklySchedule::parse_duration(duration)
        .map_err(|e| errors.push(e))
        .ok();
    AppError::collect(errors)?;
    let (Some(weekdays), Some(start), Some(duration_minutes)) = (weekdays, start, duration_minutes)
    else {
        return Err(AppError::Internal);
    };
    let tz = program_tz(state);
    let now = state.now();
    let today = local_date(now, &tz).ok_or(AppError::Internal)?;
    let closures: Vec<jiff::civil::Date> = groups::closures_from(&state.db, &today.to_string())
        .await?
        .into_iter()
        .filter_map(|(d, _)| d.parse().ok())
        .collect();
    let schedule = WeeklySchedule {
        weekdays,
        start,
        duration_minutes,
    };
    Ok(expand(&schedule, &tz, today, 28, &closures)
        .into_iter()
        .filter(|o| o.starts_at > now)
        .take(6)
        .map(|o| describe_start(o.starts_at, now, &tz))
        .collect())
}

/// Cancels a session with a reason (`Some`) or restores it (`None`).
pub async fn cancel_session(
    state: &AppState,
    staff: &Staff,
    session_id: i64,
    reason: Option<&str>,
) -> AppResult<()> {
    let session = groups::find_session(&state.db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.now();
    if session.ends_at <= now {
        return Err(AppError::invalid(
            "session_id",
            "This session is over and can no longer change.",
        ));
    }
    let reason = match reason {
        Some(r) => {
            let r = r.trim();
            if r.is_empty() || r.chars().count() > 200 {
                return Err(AppError::invalid(
                    "reason",
                    "Give a short reason (up to 200 characters); clients will see it.",
                ));
            }
            Some(r)
        }
        None => None,
    };
    groups::set_session_cancelled(&state.db, session_id, reason.map(|_| now), reason).await?;
    state.directory_cache.clear();
    if session.cancelled_at.is_some() != reason.is_some() {
        crate::server::signup::notify_session_change(state, &session, reason).await?;
    }
    let action = if reason.is_some() {
        "session.cancelled"
    } else {
        "session.restored"
    };
    audit::append(
        &state.db,
        now,
        Some(staff.0.user_id),
        action,
        Some(&session_id.to_string()),
        reason,
    )
    .await?;
    Ok(())
}

/// Sets or clears a session's topic.
pub async fn set_topic(
    state: &AppState,
    staff: &Staff,
    session_id: i64,
    topic: &str,
) -> AppResult<()> {
    let topic = topic.trim();
    if topic.chars().count() > 120 {
        return Err(AppError::invalid(
            "topic",
            "Keep the topic to 120 characters or fewer.",
        ));
    }
    groups::find_session(&state.db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    groups::set_session_topic(&state.db, session_id, (!topic.is_empty()).then_some(topic)).await?;
    state.directory_cache.clear();
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "session.topic_set",
        Some(&session_id.to_string()),
        None,
    )
    .await?;
    Ok(())
}
