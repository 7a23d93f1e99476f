//! Session signup rules: who may join which session and when, waitlists and
//! offers, cancellations, the client's schedule and hours, and the staff roster.
//! Seat accounting itself lives in `repo::signups` (one transaction each).

use crate::domain::group::{describe_seats, GroupFormat, Levels};
use crate::domain::role::{LevelOfCare, Role};
use crate::domain::schedule::{describe_start, local_date};
use crate::domain::signup::{
    roster_name, Attendance, HoursMeter, MySchedule, MySeat, RosterEntry, ScheduleEntry,
    SessionRoster, SignupOutcome, SignupStatus, Suggestion, TodaySession,
};
use crate::error::{AppError, AppResult};
use crate::server::auth::{Principal, Staff};
use crate::server::directory::program_tz;
use crate::server::repo::groups::{self, GroupRow, SessionRow};
use crate::server::repo::signups::{self, Joined, Leave, OfferRules, SignupRow};
use crate::server::repo::{audit, users};
use crate::server::state::AppState;
use jiff::tz::TimeZone;

/// How long before start a virtual session's join link appears.
pub const JOIN_LINK_LEAD_SECS: i64 = 15 * 60;

/// The offer and cut-off rules at this moment.
pub fn rules(state: &AppState) -> OfferRules {
    OfferRules {
        now: state.now(),
        ttl: i64::from(state.config.offer_minutes) * 60,
        cutoff: i64::from(state.config.signup_cutoff_minutes) * 60,
    }
}

fn seat_of(row: &SignupRow, now: i64, tz: &TimeZone) -> MySeat {
    let status = row.status();
    MySeat {
        session_id: row.session_id,
        status,
        position: (status == SignupStatus::Waitlisted).then_some(row.position),
        offer_deadline: row
            .offer_expires_at
            .filter(|_| status == SignupStatus::Offered)
            .map(|t| describe_start(t, now, tz)),
        auto_accept: row.auto_accept,
    }
}

/// "1 hour" / "90 minutes".
fn describe_minutes(minutes: u32) -> String {
    match minutes {
        60 => "1 hour".into(),
        m if m % 60 == 0 => format!("{} hours", m / 60),
        m => format!("{m} minutes"),
    }
}

async fn session_and_group(state: &AppState, session_id: i64) -> AppResult<(SessionRow, GroupRow)> {
    let session = groups::find_session(&state.db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let group = groups::find_by_id(&state.db, session.group_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((session, group))
}

fn require_client(p: &Principal) -> AppResult<LevelOfCare> {
    match (p.role, p.level_of_care) {
        (Role::Client, Some(level)) => Ok(level),
        (Role::Client, None) => Err(AppError::refused(
            "Your account has no level of care yet. Ask your program to set it.",
        )),
        // Staff add clients from a session's roster; they don't sign up themselves.
        _ => Err(AppError::Forbidden),
    }
}

/// Signs the client up for a session (or onto its waitlist). A retry returns
/// the existing signup unchanged.
pub async fn sign_up(
    state: &AppState,
    client: &Principal,
    session_id: i64,
    auto_accept: bool,
) -> AppResult<SignupOutcome> {
    let level = require_client(client)?;
    let tz = program_tz(state);
    let now = state.now();
    let (session, group) = session_and_group(state, session_id).await?;
    if group.archived_at.is_some() {
        return Err(AppError::NotFound);
    }
    let user_id = client.user_id.0;
    if let Some(row) = signups::find_for(&state.db, session_id, user_id)
        .await?
        .filter(|r| r.status().is_active())
    {
        return Ok(SignupOutcome {
            seat: seat_of(&row, now, &tz),
            changed: false,
            overlaps: overlaps(state, user_id, &session, &tz).await?,
        });
    }
    if session.cancelled_at.is_some() {
        return Err(AppError::refused(
            "This session was cancelled, so it isn't taking signups.",
        ));
    }
    let cutoff = i64::from(state.config.signup_cutoff_minutes) * 60;
    if now >= session.starts_at - cutoff {
        return Err(AppError::refused(format!(
            "Signup for this session closed {} before it starts. If you'd like to come, please ask your facilitator.",
            describe_minutes(state.config.signup_cutoff_minutes)
        )));
    }
    let levels = Levels(u8::try_from(group.levels).unwrap_or(0));
    if !levels.contains(level) {
        return Err(AppError::refused(format!(
            "This group is for {} clients. Your level of care is {}.",
            levels.describe(),
            level.label()
        )));
    }
    if !group.is_open {
        return Err(AppError::refused(
            "This is a closed group: its members are added by staff. Ask your facilitator if you'd like to join.",
        ));
    }
    let rules = rules(state);
    let (joined, filled) = signups::join(&state.db, session_id, user_id, auto_accept, false, rules)
        .await?
        .ok_or(AppError::NotFound)?;
    state.directory_cache.clear();
    notify_filled(state, &filled).await?;
    let (row, changed) = match joined {
        Joined::Existing(row) => (row, false),
        Joined::New(row) => (row, true),
        Joined::Full => return Err(AppError::Internal),
    };
    Ok(SignupOutcome {
        seat: seat_of(&row, now, &tz),
        changed,
        overlaps: overlaps(state, user_id, &session, &tz).await?,
    })
}

/// The client's other active sessions that overlap this one, in words.
async fn overlaps(
    state: &AppState,
    user_id: i64,
    session: &SessionRow,
    tz: &TimeZone,
) -> AppResult<Vec<String>> {
    let now = state.now();
    Ok(
        signups::schedule(&state.db, user_id, session.starts_at, session.ends_at, true)
            .await?
            .into_iter()
            .filter(|r| r.signup.session_id != session.id && r.cancelled_at.is_none())
            .map(|r| format!("{} · {}", describe_start(r.starts_at, now, tz), r.name))
            .collect(),
    )
}

/// The client cancels their signup (or leaves the waitlist, or turns down an
/// offer). Late cancellations are recorded for staff.
pub async fn cancel(state: &AppState, client: &Principal, session_id: i64) -> AppResult<MySeat> {
    require_client(client)?;
    let (session, _) = session_and_group(state, session_id).await?;
    let now = state.now();
    if now >= session.starts_at {
        return Err(AppError::refused(
            "This session has already started, so it can't be cancelled here. Please let your facilitator know.",
        ));
    }
    let late = now > session.starts_at - i64::from(state.config.late_cancel_hours) * 3600;
    let (before, filled) = signups::leave(
        &state.db,
        session_id,
        client.user_id.0,
        Leave::Cancel { late },
        None,
        rules(state),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    state.directory_cache.clear();
    notify_filled(state, &filled).await?;
    let tz = program_tz(state);
    Ok(MySeat {
        status: SignupStatus::Cancelled,
        position: None,
        offer_deadline: None,
        ..seat_of(&before, now, &tz)
    })
}

/// The client accepts a seat offered to them.
pub async fn accept(state: &AppState, client: &Principal, session_id: i64) -> AppResult<MySeat> {
    require_client(client)?;
    let now = state.now();
    let (accepted, row) = signups::accept_offer(&state.db, session_id, client.user_id.0, now)
        .await?
        .ok_or(AppError::NotFound)?;
    let tz = program_tz(state);
    if accepted || row.status() == SignupStatus::Confirmed {
        return Ok(seat_of(&row, now, &tz));
    }
    if row.status() == SignupStatus::Offered {
        // Past its deadline; the background job will pass it on.
        expire_offers(state).await?;
        return Err(AppError::refused(
            "Sorry — this offer ran out and the seat went to the next person waiting.",
        ));
    }
    Err(AppError::refused(
        "There is no seat offer for you on this session right now.",
    ))
}

/// The client turns down a seat offered to them; it goes to the next person.
pub async fn decline(state: &AppState, client: &Principal, session_id: i64) -> AppResult<MySeat> {
    require_client(client)?;
    let now = state.now();
    let (before, filled) = signups::leave(
        &state.db,
        session_id,
        client.user_id.0,
        Leave::Decline,
        None,
        rules(state),
    )
    .await?
    .ok_or_else(|| {
        AppError::refused("There is no seat offer for you on this session right now.")
    })?;
    state.directory_cache.clear();
    notify_filled(state, &filled).await?;
    Ok(MySeat {
        status: SignupStatus::Declined,
        offer_deadline: None,
        ..seat_of(&before, now, &program_tz(state))
    })
}

/// Expires unanswered offers and passes their seats on (background job).
pub async fn expire_offers(state: &AppState) -> AppResult<u64> {
    let (n, filled) = signups::expire_offers(&state.db, rules(state)).await?;
    if n > 0 {
        state.directory_cache.clear();
    }
    notify_filled(state, &filled).await?;
    Ok(n)
}

/// Gives seats that opened through a schedule change to the people waiting.
pub async fn fill_open_seats(state: &AppState) -> AppResult<()> {
    let filled = signups::fill_all(&state.db, rules(state)).await?;
    if !filled.is_empty() {
        state.directory_cache.clear();
    }
    notify_filled(state, &filled).await
}

/// The signed-in client's seats in one group's upcoming sessions.
pub async fn seats_in_group(
    state: &AppState,
    client: &Principal,
    group_id: i64,
) -> AppResult<Vec<MySeat>> {
    let now = state.now();
    let tz = program_tz(state);
    Ok(
        signups::active_for_group(&state.db, client.user_id.0, group_id, now)
            .await?
            .iter()
            .map(|r| seat_of(r, now, &tz))
            .collect(),
    )
}

/// "Thu, Dec 3 at 6:00 PM": when a session is, without naming it.
pub fn neutral_time(t: i64, tz: &TimeZone) -> String {
    match (
        local_date(t, tz),
        crate::domain::schedule::local_time(t, tz),
    ) {
        (Some(d), Some(time)) => {
            let day = crate::server::closures::describe_day(d);
            let day = day.rsplit_once(',').map_or(day.as_str(), |(d, _)| d);
            format!("{day} at {}", time.describe())
        }
        _ => String::new(),
    }
}

/// Tells people who gained a seat or an offer, in neutral words (a time, never
/// a group name).
async fn notify_filled(state: &AppState, filled: &[signups::FilledSeat]) -> AppResult<()> {
    if filled.is_empty() {
        return Ok(());
    }
    let tz = program_tz(state);
    let now = state.now();
    let notes: Vec<(i64, String)> = filled
        .iter()
        .map(|f| {
            let when = neutral_time(f.starts_at, &tz);
            let text = match (f.status, f.offer_expires_at) {
                (SignupStatus::Offered, Some(deadline)) => format!(
                    "A seat opened up for your session on {when}. It is held for you until {} — accept or decline in My schedule.",
                    describe_start(deadline, now, &tz)
                ),
                _ => format!(
                    "A seat opened up and is now yours: your session on {when} is confirmed."
                ),
            };
            (f.user_id, text)
        })
        .collect();
    crate::server::repo::notices::add(&state.db, &notes, now).await?;
    Ok(())
}

/// Tells everyone signed up for a session that it was cancelled (or is back
/// on). Returns how many people were told.
pub async fn notify_session_change(
    state: &AppState,
    session: &SessionRow,
    cancelled_reason: Option<&str>,
) -> AppResult<usize> {
    let tz = program_tz(state);
    let when = neutral_time(session.starts_at, &tz);
    let text = match cancelled_reason {
        Some(reason) => format!("Your session on {when} was cancelled: {reason}"),
        None => format!("Good news: your session on {when} is back on."),
    };
    let users = crate::server::repo::notices::signed_up_users(&state.db, session.id).await?;
    let notes: Vec<(i64, String)> = users.iter().map(|u| (*u, text.clone())).collect();
    crate::server::repo::notices::add(&state.db, &notes, state.now()).await?;
    Ok(notes.len())
}

/// The signed-in person's unread notices, newest first.
pub async fn notices(
    state: &AppState,
    who: &Principal,
) -> AppResult<Vec<crate::domain::signup::Notice>> {
    let tz = program_tz(state);
    let now = state.now();
    Ok(
        crate::server::repo::notices::unread(&state.db, who.user_id.0)
            .await?
            .into_iter()
            .map(|(id, at, body)| crate::domain::signup::Notice {
                id,
                when: describe_start(at, now, &tz),
                body,
            })
            .collect(),
    )
}

/// Marks the signed-in person's notices read.
pub async fn dismiss_notices(state: &AppState, who: &Principal) -> AppResult<()> {
    crate::server::repo::notices::mark_all_read(&state.db, who.user_id.0, state.now()).await?;
    Ok(())
}

/// Start and end (epoch seconds) of the program week (Monday to Monday, local) containing `now`.
fn week_bounds(now: i64, tz: &TimeZone) -> Option<(i64, i64)> {
    let today = local_date(now, tz)?;
    let monday = today
        .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
        .ok()?;
    let next = monday.checked_add(jiff::Span::new().days(7)).ok()?;
    let start = monday.to_zoned(tz.clone()).ok()?.timestamp().as_second();
    let end = next.to_zoned(tz.clone()).ok()?.timestamp().as_second();
    Some((start, end))
}

/// The client's upcoming sessions and this week's program hours.
pub async fn my_schedule(state: &AppState, client: &Principal) -> AppResult<MySchedule> {
    let level = require_client(client)?;
    let now = state.now();
    let tz = program_tz(state);
    let late_window = i64::from(state.config.late_cancel_hours) * 3600;
    let rows = signups::schedule(&state.db, client.user_id.0, now, i64::MAX, true).await?;
    let entries = rows
        .into_iter()
        .map(|r| {
            let seat = seat_of(&r.signup, now, &tz);
            let format = GroupFormat::parse(&r.format).unwrap_or(GroupFormat::InPerson);
            let in_window = now >= r.starts_at - JOIN_LINK_LEAD_SECS && now < r.ends_at;
            let confirmed = seat.status == SignupStatus::Confirmed && r.cancelled_at.is_none();
            let virtual_session = format == GroupFormat::Virtual;
            ScheduleEntry {
                join_link: (virtual_session && confirmed && in_window)
                    .then(|| r.virtual_link.clone())
                    .flatten(),
                join_opens: (virtual_session
                    && confirmed
                    && now < r.starts_at - JOIN_LINK_LEAD_SECS)
                    .then(|| describe_start(r.starts_at - JOIN_LINK_LEAD_SECS, now, &tz)),
                location: (!virtual_session).then(|| r.location.clone()).flatten(),
                format: format.label().to_string(),
                when: describe_start(r.starts_at, now, &tz),
                duration: format!("{} min", (r.ends_at - r.starts_at) / 60),
                cancel_is_late: seat.status == SignupStatus::Confirmed
                    && now > r.starts_at - late_window,
                cancelled: r
                    .cancelled_at
                    .map(|_| r.cancel_reason.clone().unwrap_or_default()),
                seat,
                group_slug: r.slug,
                group_name: r.name,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                topic: r.topic,
            }
        })
        .collect();
    Ok(MySchedule {
        entries,
        hours: hours_meter(state, client.user_id.0, level).await?,
        has_feed: signups::has_feed(&state.db, client.user_id.0).await?,
    })
}

/// This week's hours for a client in PHP or IOP (None for alumni and family).
pub async fn hours_meter(
    state: &AppState,
    user_id: i64,
    level: LevelOfCare,
) -> AppResult<Option<HoursMeter>> {
    let c = &state.config;
    let (target_hours, target_days) = match level {
        LevelOfCare::Iop => (c.iop_weekly_hours, c.iop_weekly_days),
        LevelOfCare::Php => (c.php_weekly_hours, c.php_weekly_days),
        LevelOfCare::Alumni | LevelOfCare::Family => return Ok(None),
    };
    let now = state.now();
    let tz = program_tz(state);
    let Some((week_start, week_end)) = week_bounds(now, &tz) else {
        return Ok(None);
    };
    let rows = signups::schedule(&state.db, user_id, week_start, week_end, false).await?;
    let mut attended = 0;
    let mut booked = 0;
    let mut days = std::collections::BTreeSet::new();
    let mut busy = Vec::new();
    for r in rows.iter().filter(|r| r.cancelled_at.is_none()) {
        let minutes = (r.ends_at - r.starts_at) / 60;
        let marked = r.signup.attendance.as_deref().and_then(Attendance::parse);
        match marked {
            Some(a) if a.attended() => attended += minutes,
            Some(_) => continue,
            None if r.ends_at > now => booked += minutes,
            None => continue,
        }
        days.insert(local_date(r.starts_at, &tz));
        busy.push((r.starts_at, r.ends_at));
    }
    let cutoff = i64::from(c.signup_cutoff_minutes) * 60;
    let suggestions = signups::open_sessions(&state.db, user_id, now + cutoff, week_end)
        .await?
        .into_iter()
        .filter(|(_, starts, ends, _, _, _, levels)| {
            Levels(u8::try_from(*levels).unwrap_or(0)).contains(level)
                && !busy.iter().any(|(s, e)| s < ends && starts < e)
        })
        .take(3)
        .map(|(session_id, starts, _, seats, slug, name, _)| Suggestion {
            session_id,
            group_slug: slug,
            group_name: name,
            when: describe_start(starts, now, &tz),
            seats: describe_seats(seats),
        })
        .collect();
    Ok(Some(HoursMeter {
        level,
        target_minutes: i64::from(target_hours) * 60,
        target_days: i64::from(target_days),
        attended_minutes: attended,
        booked_minutes: booked,
        days: i64::try_from(days.len()).unwrap_or(0),
        suggestions,
    }))
}

/// Staff: a session's roster. Every view is written to the audit log.
pub async fn roster(state: &AppState, staff: &Staff, session_id: i64) -> AppResult<SessionRoster> {
    let (session, group) = session_and_group(state, session_id).await?;
    let now = state.now();
    let tz = program_tz(state);
    let rows = signups::roster(&state.db, session_id).await?;
    audit::append(
        &state.db,
        now,
        Some(staff.0.user_id),
        "roster.viewed",
        Some(&format!("session:{session_id}")),
        None,
    )
    .await?;
    let count = |s: SignupStatus| {
        i64::try_from(rows.iter().filter(|r| r.signup.status() == s).count()).unwrap_or(0)
    };
    Ok(SessionRoster {
        session_id,
        group_slug: group.slug,
        group_name: group.name,
        when: describe_start(session.starts_at, now, &tz),
        capacity: session.capacity,
        confirmed: count(SignupStatus::Confirmed),
        waitlisted: count(SignupStatus::Waitlisted),
        offered: count(SignupStatus::Offered),
        cancelled: session
            .cancelled_at
            .map(|_| session.cancel_reason.clone().unwrap_or_default()),
        entries: rows
            .iter()
            .map(|r| {
                let seat = seat_of(&r.signup, now, &tz);
                RosterEntry {
                    signup_id: r.signup.id,
                    name: roster_name(&r.preferred_name),
                    status: seat.status,
                    position: seat.position,
                    offer_deadline: seat.offer_deadline,
                    attendance: r.signup.attendance.as_deref().and_then(Attendance::parse),
                    late_cancel: r.signup.late_cancel,
                    added_by_staff: r.signup.added_by_staff,
                    note: r.signup.staff_note.clone(),
                }
            })
            .collect(),
    })
}

fn require_reason(reason: &str) -> AppResult<String> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(AppError::invalid(
            "reason",
            "Give a short reason (up to 200 characters); it is recorded.",
        ));
    }
    Ok(reason.to_string())
}

/// Staff: adds a client (by e-mail) to a session, closed groups included.
pub async fn add_client(
    state: &AppState,
    staff: &Staff,
    session_id: i64,
    email: &str,
) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let user = users::find_by_email(&state.db, &email)
        .await?
        .filter(|u| u.role() == Role::Client && u.disabled_at.is_none())
        .ok_or_else(|| AppError::invalid("email", "No client account has this e-mail address."))?;
    let (session, _) = session_and_group(state, session_id).await?;
    if state.now() >= session.ends_at {
        return Err(AppError::refused("This session has ended."));
    }
    let (joined, _) = signups::join(&state.db, session_id, user.id, false, true, rules(state))
        .await?
        .ok_or(AppError::NotFound)?;
    match joined {
        Joined::Full => {
            return Err(AppError::refused(
                "Every seat is taken. Raise the capacity first, or ask the client to join the waitlist.",
            ))
        }
        Joined::Existing(row) if row.status() != SignupStatus::Waitlisted => {
            return Err(AppError::refused(format!(
                "This client is already on the roster ({}).",
                row.status().label().to_lowercase()
            )))
        }
        Joined::Existing(_) => {
            return Err(AppError::refused(
                "This client is on the waitlist. Move them to the front instead.",
            ))
        }
        Joined::New(_) => {}
    }
    state.directory_cache.clear();
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "signup.added_by_staff",
        Some(&format!("session:{session_id}")),
        Some(&format!("user:{}", user.id)),
    )
    .await?;
    Ok(())
}

/// Staff: removes someone from a session with a reason; their seat goes to the waitlist.
pub async fn remove(
    state: &AppState,
    staff: &Staff,
    signup_id: i64,
    reason: &str,
) -> AppResult<()> {
    let reason = require_reason(reason)?;
    let row = signups::find(&state.db, signup_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, filled) = signups::leave(
        &state.db,
        row.session_id,
        row.user_id,
        Leave::Remove,
        Some(&reason),
        rules(state),
    )
    .await?
    .ok_or_else(|| AppError::refused("This person is no longer on the roster."))?;
    state.directory_cache.clear();
    notify_filled(state, &filled).await?;
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "signup.removed",
        Some(&format!("signup:{signup_id}")),
        Some(&reason),
    )
    .await?;
    Ok(())
}

/// Staff: changes one session's capacity; new seats go to the waitlist.
pub async fn set_capacity(
    state: &AppState,
    staff: &Staff,
    session_id: i64,
    capacity: i64,
) -> AppResult<()> {
    if !(2..=40).contains(&capacity) {
        return Err(AppError::invalid(
            "capacity",
            "Capacity must be between 2 and 40.",
        ));
    }
    let (session, _) = session_and_group(state, session_id).await?;
    let Some(filled) =
        signups::set_capacity(&state.db, session_id, Some(capacity), rules(state)).await?
    else {
        return Err(AppError::invalid(
            "capacity",
            format!(
                "{} seats are taken or offered; remove people before going below that.",
                session.taken
            ),
        ));
    };
    state.directory_cache.clear();
    notify_filled(state, &filled).await?;
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "session.capacity",
        Some(&format!("session:{session_id}")),
        Some(&capacity.to_string()),
    )
    .await?;
    Ok(())
}

/// Staff: moves someone to the front of the waitlist, with a recorded reason.
pub async fn move_up(
    state: &AppState,
    staff: &Staff,
    signup_id: i64,
    reason: &str,
) -> AppResult<()> {
    let reason = require_reason(reason)?;
    let filled = signups::move_to_front(&state.db, signup_id, rules(state))
        .await?
        .ok_or_else(|| AppError::refused("This person is no longer on the waitlist."))?;
    notify_filled(state, &filled).await?;
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "waitlist.moved_up",
        Some(&format!("signup:{signup_id}")),
        Some(&reason),
    )
    .await?;
    Ok(())
}

/// Staff: marks (or clears) attendance for a confirmed signup.
pub async fn mark(
    state: &AppState,
    staff: &Staff,
    signup_id: i64,
    attendance: &str,
) -> AppResult<()> {
    let value = match attendance {
        "" | "clear" => None,
        other => Some(Attendance::parse(other).ok_or_else(|| {
            AppError::invalid(
                "attendance",
                "Choose present, late, left early, absent or excused.",
            )
        })?),
    };
    if !signups::set_attendance(
        &state.db,
        signup_id,
        value.map(Attendance::as_str),
        state.now(),
    )
    .await?
    {
        return Err(AppError::refused(
            "Attendance can only be marked for confirmed members.",
        ));
    }
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "attendance.marked",
        Some(&format!("signup:{signup_id}")),
        Some(value.map(Attendance::as_str).unwrap_or("cleared")),
    )
    .await?;
    Ok(())
}

/// Staff: today's sessions with counts.
pub async fn today(state: &AppState) -> AppResult<Vec<TodaySession>> {
    let now = state.now();
    let tz = program_tz(state);
    let today = local_date(now, &tz).ok_or(AppError::Internal)?;
    let start = today
        .to_zoned(tz.clone())
        .map_err(|_| AppError::Internal)?
        .timestamp()
        .as_second();
    let end = today
        .checked_add(jiff::Span::new().days(1))
        .and_then(|d| d.to_zoned(tz.clone()))
        .map_err(|_| AppError::Internal)?
        .timestamp()
        .as_second();
    Ok(signups::counts_between(&state.db, start, end)
        .await?
        .into_iter()
        .map(|c| TodaySession {
            session_id: c.id,
            group_name: c.name,
            when: crate::domain::schedule::local_time(c.starts_at, &tz)
                .map(|t| t.describe())
                .unwrap_or_default(),
            booked: c.booked,
            capacity: c.capacity,
            waitlisted: c.waitlisted,
            marked: c.marked,
            cancelled: c.cancelled_at.is_some(),
        })
        .collect())
}

/// Creates (or replaces) the client's private calendar feed; returns its secret.
pub async fn create_feed(state: &AppState, client: &Principal) -> AppResult<String> {
    require_client(client)?;
    let token = crate::server::auth::random_token();
    let hash = feed_hash(&token);
    signups::set_feed(&state.db, client.user_id.0, &hash, state.now()).await?;
    Ok(token)
}

/// Turns the client's calendar feed off; the old address stops working.
pub async fn revoke_feed(state: &AppState, client: &Principal) -> AppResult<()> {
    require_client(client)?;
    signups::delete_feed(&state.db, client.user_id.0).await?;
    Ok(())
}

fn feed_hash(token: &str) -> String {
    crate::server::auth::hash_token(token)
}

/// The private feed for a secret: confirmed sessions with neutral titles, or
/// None when the secret is unknown.
pub async fn feed_ics(state: &AppState, token: &str) -> AppResult<Option<String>> {
    let Some(user_id) = signups::feed_owner(&state.db, &feed_hash(token)).await? else {
        return Ok(None);
    };
    let now = state.now();
    let rows = signups::schedule(&state.db, user_id, now - 7 * 86_400, i64::MAX, true).await?;
    let stamp = ics_time(now);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Kindred//My schedule//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "X-WR-CALNAME:Kindred".into(),
    ];
    for r in rows
        .iter()
        .filter(|r| r.signup.status() == SignupStatus::Confirmed)
    {
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:session-{}@kindred", r.signup.session_id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART:{}", ics_time(r.starts_at)),
            format!("DTEND:{}", ics_time(r.ends_at)),
            "SUMMARY:Kindred session".into(),
            if r.cancelled_at.is_some() {
                "STATUS:CANCELLED".into()
            } else {
                "STATUS:CONFIRMED".into()
            },
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    Ok(Some(
        lines.iter().map(|l| crate::server::feed::fold(l)).collect(),
    ))
}

fn ics_time(t: i64) -> String {
    jiff::Timestamp::from_second(t)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}
