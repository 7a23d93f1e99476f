//! Machine-readable exports: the public JSON directory feed (in the spirit of
//! the Meeting Guide format) and `.ics` calendar files. Neither contains
//! personal data; calendar titles are neutral unless the person asks.

use crate::domain::group::{GroupFormat, Levels};
use crate::domain::schedule::{LocalTime, WEEKDAYS};
use crate::server::directory::{program_tz, schedule_of};
use crate::server::repo::groups;
use crate::server::state::AppState;
use axum::extract::{Extension, Path, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One group in the feed.
#[derive(Debug, Serialize)]
pub struct FeedGroup {
    /// Stable identifier.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Kind (stable value).
    pub kind: String,
    /// Levels of care served.
    pub levels_of_care: Vec<&'static str>,
    /// Weekdays, 0 = Sunday … 6 = Saturday (Meeting Guide convention).
    pub days: Vec<u8>,
    /// Local start, "HH:MM".
    pub time: String,
    /// Local end, "HH:MM".
    pub end_time: String,
    /// IANA time zone.
    pub timezone: String,
    /// "in_person" or "virtual".
    pub attendance_option: &'static str,
    /// Language.
    pub language: String,
    /// Accessibility notes.
    pub accessibility: String,
    /// Whether new members may join.
    pub open: bool,
    /// Link to the group's page.
    pub url: String,
    /// Last change, RFC 3339 UTC.
    pub updated: String,
}

fn end_of(start: LocalTime, minutes: u16) -> LocalTime {
    let end = start.minutes() + minutes;
    LocalTime {
        hour: u8::try_from((end / 60) % 24).unwrap_or(0),
        minute: u8::try_from(end % 60).unwrap_or(0),
    }
}

fn rfc3339(epoch: i64) -> String {
    jiff::Timestamp::from_second(epoch)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// `GET /feed/groups.json`: every active group, public data only.
pub async fn groups_json(Extension(state): Extension<AppState>) -> Response {
    if state.config.directory_members_only {
        return (StatusCode::NOT_FOUND, "the directory is members-only").into_response();
    }
    let rows = match groups::list_active(&state.db).await {
        Ok(rows) => rows,
        Err(e) => {
            tracing::error!(error = %e, "feed query failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "feed unavailable").into_response();
        }
    };
    let feed: Vec<FeedGroup> = rows
        .iter()
        .map(|row| {
            let schedule = schedule_of(row);
            FeedGroup {
                slug: row.slug.clone(),
                name: row.name.clone(),
                kind: row.kind.clone(),
                levels_of_care: Levels(u8::try_from(row.levels).unwrap_or(0))
                    .to_vec()
                    .into_iter()
                    .map(|l| l.as_str())
                    .collect(),
                days: WEEKDAYS
                    .iter()
                    .filter(|(.., d)| schedule.weekdays.contains(*d))
                    .map(|(.., d)| u8::try_from(d.to_sunday_zero_offset()).unwrap_or(0))
                    .collect(),
                time: schedule.start.to_input(),
                end_time: end_of(schedule.start, schedule.duration_minutes).to_input(),
                timezone: state.config.time_zone.clone(),
                attendance_option: match GroupFormat::parse(&row.format) {
                    Some(GroupFormat::Virtual) => "virtual",
                    _ => "in_person",
                },
                language: row.language.clone(),
                accessibility: row.accessibility.clone(),
                open: row.is_open,
                url: format!("/groups/{}", row.slug),
                updated: rfc3339(row.updated_at),
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        serde_json::to_string(&feed).unwrap_or_else(|_| "[]".into()),
    )
        .into_response()
}

/// Query of the calendar download.
#[derive(Debug, serde::Deserialize)]
pub struct IcsQuery {
    /// "1" to title events with the group's name instead of "Kindred group".
    pub name: Option<String>,
}

/// Escapes text for an iCalendar property value (RFC 5545 §3.3.11).
pub(crate) fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1).
pub(crate) fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// `GET /groups/{slug}/calendar.ics`: the weekly pattern as a recurring event in
/// the program's time zone. Neutral title by default.
pub async fn group_ics(
    Extension(state): Extension<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<IcsQuery>,
) -> Response {
    let row = match groups::find_by_slug(&state.db, &slug).await {
        Ok(Some(row)) if row.archived_at.is_none() => row,
        Ok(_) => return (StatusCode::NOT_FOUND, "no such group").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "ics query failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "calendar unavailable").into_response();
        }
    };
    if state.config.directory_members_only {
        return (StatusCode::NOT_FOUND, "no such group").into_response();
    }
    let tz = program_tz(&state);
    let schedule = schedule_of(&row);
    let now = state.now();
    // First occurrence on or after today, so the series starts on a meeting day.
    let first = crate::domain::schedule::local_date(now, &tz)
        .map(|today| crate::domain::schedule::expand(&schedule, &tz, today, 7, &[]))
        .and_then(|o| o.first().map(|o| o.local_date));
    let Some(first) = first else {
        return (StatusCode::NOT_FOUND, "no upcoming sessions").into_response();
    };
    let byday: Vec<&str> = WEEKDAYS
        .iter()
        .filter(|(.., d)| schedule.weekdays.contains(*d))
        .map(|(slug, ..)| match *slug {
            "mon" => "MO",
            "tue" => "TU",
            "wed" => "WE",
            "thu" => "TH",
            "fri" => "FR",
            "sat" => "SA",
            _ => "SU",
        })
        .collect();
    let title = if q.name.as_deref() == Some("1") {
        row.name.clone()
    } else {
        "Kindred group".into()
    };
    let stamp = jiff::Timestamp::from_second(now)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default();
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Kindred//Group calendar//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:group-{}@kindred", row.slug),
        format!("DTSTAMP:{stamp}"),
        format!(
            "DTSTART;TZID={}:{}T{:02}{:02}00",
            state.config.time_zone,
            first.strftime("%Y%m%d"),
            schedule.start.hour,
            schedule.start.minute
        ),
        format!("DURATION:PT{}M", schedule.duration_minutes),
        format!("RRULE:FREQ=WEEKLY;BYDAY={}", byday.join(",")),
        format!("SUMMARY:{}", ics_text(&title)),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    let body: String = lines.iter().map(|l| fold(l)).collect();
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"kindred-group.ics\"",
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /sessions/{id}/calendar.ics`: one session as a calendar event, titled
/// "Kindred session" (`?name=1` uses the group's name). Session times are as
/// public as the directory, so this needs no sign-in.
pub async fn session_ics(
    Extension(state): Extension<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<IcsQuery>,
) -> Response {
    let found = async {
        let session = groups::find_session(&state.db, id).await?;
        let group = match &session {
            Some(s) => groups::find_by_id(&state.db, s.group_id).await?,
            None => None,
        };
        Ok::<_, sqlx::Error>(session.zip(group))
    }
    .await;
    let (session, group) = match found {
        Ok(Some((s, g))) if g.archived_at.is_none() && !state.config.directory_members_only => {
            (s, g)
        }
        Ok(_) => return (StatusCode::NOT_FOUND, "no such session").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "ics query failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "calendar unavailable").into_response();
        }
    };
    let title = if q.name.as_deref() == Some("1") {
        group.name.clone()
    } else {
        "Kindred session".into()
    };
    let utc = |t: i64| {
        jiff::Timestamp::from_second(t)
            .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
            .unwrap_or_default()
    };
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Kindred//Session//EN".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:session-{}@kindred", session.id),
        format!("DTSTAMP:{}", utc(state.now())),
        format!("DTSTART:{}", utc(session.starts_at)),
        format!("DTEND:{}", utc(session.ends_at)),
        format!("SUMMARY:{}", ics_text(&title)),
        if session.cancelled_at.is_some() {
            "STATUS:CANCELLED".into()
        } else {
            "STATUS:CONFIRMED".into()
        },
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    let body: String = lines.iter().map(|l| fold(l)).collect();
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"kindred-session.ics\"",
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /me/calendar/{secret}.ics`: a client's private feed of confirmed
/// sessions, titled "Kindred session" (no group name, no program type).
pub async fn my_calendar_ics(
    Extension(state): Extension<AppState>,
    Path(file): Path<String>,
) -> Response {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    match crate::server::signup::feed_ics(&state, token).await {
        Ok(Some(body)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response(),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            "This calendar address is no longer valid.",
        )
            .into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "calendar unavailable").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_text_is_escaped_and_lines_are_folded() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "x".repeat(100));
        let folded = fold(&long);
        assert!(folded.lines().all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
