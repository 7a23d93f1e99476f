//! Program closure days: validated, stored, and applied to the schedule at once.

use crate::api::closures::ClosureView;
use crate::domain::schedule::WEEKDAYS;
use crate::error::{AppError, AppResult};
use crate::server::auth::Staff;
use crate::server::directory::{program_tz, sync_all};
use crate::server::repo::{audit, groups};
use crate::server::state::AppState;

fn parse_day(day: &str) -> AppResult<jiff::civil::Date> {
    day.trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| AppError::invalid("day", "Choose a date."))
}

/// "Thu, Nov 26, 2026".
pub fn describe_day(d: jiff::civil::Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let short = WEEKDAYS[d.weekday().to_monday_zero_offset() as usize].1;
    let month = MONTHS[usize::try_from(d.month() - 1).unwrap_or(0) % 12];
    format!("{short}, {month} {}, {}", d.day(), d.year())
}

/// Upcoming closures (today and later).
pub async fn list(state: &AppState) -> AppResult<Vec<ClosureView>> {
    let tz = program_tz(state);
    let today = crate::domain::schedule::local_date(state.now(), &tz).ok_or(AppError::Internal)?;
    Ok(groups::closures_from(&state.db, &today.to_string())
        .await?
        .into_iter()
        .filter_map(|(day, reason)| {
            let d: jiff::civil::Date = day.parse().ok()?;
            Some(ClosureView {
                label: describe_day(d),
                day,
                reason,
            })
        })
        .collect())
}

/// Adds (or renames) a closure day and reschedules.
pub async fn add(state: &AppState, staff: &Staff, day: &str, reason: &str) -> AppResult<()> {
    let mut errors = Vec::new();
    let date = parse_day(day).map_err(|e| errors.push(e)).ok();
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 80 {
        errors.push(AppError::invalid(
            "reason",
            "Give a short reason, up to 80 characters (for example Thanksgiving).",
        ));
    }
    let tz = program_tz(state);
    let today = crate::domain::schedule::local_date(state.now(), &tz).ok_or(AppError::Internal)?;
    if date.is_some_and(|d| d < today) {
        errors.push(AppError::invalid("day", "Choose today or a later date."));
    }
    AppError::collect(errors)?;
    let date = date.ok_or(AppError::Internal)?;
    groups::add_closure(&state.db, &date.to_string(), reason).await?;
    sync_all(state, &format!("The program is closed that day: {reason}")).await?;
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "closure.added",
        Some(&date.to_string()),
        Some(reason),
    )
    .await?;
    Ok(())
}

/// Removes a closure day and reschedules.
pub async fn remove(state: &AppState, staff: &Staff, day: &str) -> AppResult<()> {
    let date = parse_day(day)?;
    if groups::remove_closure(&state.db, &date.to_string()).await? == 0 {
        return Err(AppError::NotFound);
    }
    sync_all(state, "The program's schedule changed").await?;
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "closure.removed",
        Some(&date.to_string()),
        None,
    )
    .await?;
    Ok(())
}
