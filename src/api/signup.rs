//! Session signup: clients join sessions, waitlists and offers; staff run the
//! roster. Every function authenticates first; staff ones also audit.

use crate::domain::signup::{
    MySchedule, MySeat, Notice, SessionRoster, SignupOutcome, TodaySession,
};
use crate::error::AppResult;
use leptos::prelude::*;

/// A checkbox's form value ("on") as a flag; missing means off.
#[cfg(feature = "ssr")]
fn checked(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Client: signs up for a session, or joins its waitlist when it is full.
/// Calling it again returns the existing signup unchanged.
#[server(endpoint = "sign_up_for_session")]
pub async fn sign_up_for_session(
    session_id: i64,
    #[server(default)] auto_accept: Option<String>,
) -> AppResult<SignupOutcome> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let client = crate::server::auth::require_user()?;
            let outcome = crate::server::signup::sign_up(
                &state,
                &client,
                session_id,
                checked(auto_accept.as_deref()),
            )
            .await?;
            let done = match (outcome.changed, outcome.seat.status) {
                (false, _) => "already",
                (true, crate::domain::signup::SignupStatus::Waitlisted) => "waitlisted",
                (true, _) => "signed_up",
            };
            let mut flags = vec![("done", done)];
            if !outcome.overlaps.is_empty() {
                flags.push(("overlap", "1"));
            }
            crate::server::http::back_with(&flags, "");
            Ok(outcome)
        }
        .await,
    )
}

/// Client: cancels a signup, leaves a waitlist or lets an offer go.
#[server(endpoint = "cancel_signup")]
pub async fn cancel_signup(session_id: i64) -> AppResult<MySeat> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let client = crate::server::auth::require_user()?;
            let seat = crate::server::signup::cancel(&state, &client, session_id).await?;
            crate::server::http::back_with(&[("done", "cancelled")], "");
            Ok(seat)
        }
        .await,
    )
}

/// Client: takes the seat offered to them.
#[server(endpoint = "accept_offer")]
pub async fn accept_offer(session_id: i64) -> AppResult<MySeat> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let client = crate::server::auth::require_user()?;
            let seat = crate::server::signup::accept(&state, &client, session_id).await?;
            crate::server::http::back_with(&[("done", "accepted")], "");
            Ok(seat)
        }
        .await,
    )
}

/// Client: turns down the seat offered to them; it goes to the next person.
#[server(endpoint = "decline_offer")]
pub async fn decline_offer(session_id: i64) -> AppResult<MySeat> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let client = crate::server::auth::require_user()?;
            let seat = crate::server::signup::decline(&state, &client, session_id).await?;
            crate::server::http::back_with(&[("done", "declined")], "");
            Ok(seat)
        }
        .await,
    )
}

/// Client: upcoming sessions with status, and this week's program hours.
#[server(endpoint = "get_my_schedule", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_my_schedule() -> AppResult<MySchedule> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let client = crate::server::auth::require_user()?;
            crate::server::signup::my_schedule(&state, &client).await
        }
        .await,
    )
}

/// The signed-in client's seats in one group's sessions (empty for visitors and staff).
#[server(endpoint = "my_seats", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_seats(slug: String) -> AppResult<Vec<MySeat>> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let Some(viewer) = crate::server::auth::current_principal()? else {
                return Ok(Vec::new());
            };
            if viewer.role.is_staff() {
                return Ok(Vec::new());
            }
            let Some(group) = crate::server::repo::groups::find_by_slug(&state.db, &slug).await?
            else {
                return Ok(Vec::new());
            };
            crate::server::signup::seats_in_group(&state, &viewer, group.id).await
        }
        .await,
    )
}

/// Client: creates (or replaces) the private calendar feed; returns its path.
/// The previous address stops working.
#[server(endpoint = "create_calendar_feed")]
pub async fn create_calendar_feed() -> AppResult<String> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let client = crate::server::auth::require_user()?;
            let token = crate::server::signup::create_feed(&state, &client).await?;
            Ok(format!("/me/calendar/{token}.ics"))
        }
        .await,
    )
}

/// Client: turns the private calendar feed off.
#[server(endpoint = "revoke_calendar_feed")]
pub async fn revoke_calendar_feed() -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let client = crate::server::auth::require_user()?;
            crate::server::signup::revoke_feed(&state, &client).await
        }
        .await,
    )
}

/// Staff: a session's roster (audited).
#[server(endpoint = "get_session_roster", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_session_roster(session_id: i64) -> AppResult<SessionRoster> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::signup::roster(&state, &staff, session_id).await
        }
        .await,
    )
}

/// Staff: adds a client (by e-mail) to a session; closed groups too.
#[server(endpoint = "add_to_session")]
pub async fn add_to_session(session_id: i64, email: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::signup::add_client(&state, &staff, session_id, &email).await
        }
        .await,
    )
}

/// Staff: removes someone from a session with a recorded reason.
#[server(endpoint = "remove_from_session")]
pub async fn remove_from_session(signup_id: i64, reason: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::signup::remove(&state, &staff, signup_id, &reason).await
        }
        .await,
    )
}

/// Staff: changes one session's capacity; new seats go to the waitlist.
#[server(endpoint = "set_session_capacity")]
pub async fn set_session_capacity(session_id: i64, capacity: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            let capacity: i64 = capacity.trim().parse().map_err(|_| {
                crate::error::AppError::invalid("capacity", "Capacity must be a whole number.")
            })?;
            crate::server::signup::set_capacity(&state, &staff, session_id, capacity).await
        }
        .await,
    )
}

/// Staff: moves someone to the front of the waitlist, with a recorded reason.
#[server(endpoint = "move_up_waitlist")]
pub async fn move_up_waitlist(signup_id: i64, reason: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::signup::move_up(&state, &staff, signup_id, &reason).await
        }
        .await,
    )
}

/// Staff: marks attendance (present, late, left_early, absent, excused; "clear" undoes).
#[server(endpoint = "mark_attendance")]
pub async fn mark_attendance(signup_id: i64, attendance: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            crate::server::signup::mark(&state, &staff, signup_id, &attendance).await
        }
        .await,
    )
}

/// Staff: today's sessions with booked, capacity, waitlist and attendance counts.
#[server(endpoint = "staff_today", input = leptos::server_fn::codec::GetUrl)]
pub async fn staff_today() -> AppResult<Vec<TodaySession>> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            crate::server::auth::require_staff()?;
            crate::server::signup::today(&state).await
        }
        .await,
    )
}

/// The signed-in person's unread notices (seat offers, cancelled sessions).
#[server(endpoint = "my_notices", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_notices() -> AppResult<Vec<Notice>> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::signup::notices(&state, &who).await
        }
        .await,
    )
}

/// Marks the signed-in person's notices read.
#[server(endpoint = "dismiss_notices")]
pub async fn dismiss_notices() -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let who = crate::server::auth::require_user()?;
            crate::server::signup::dismiss_notices(&state, &who).await
        }
        .await,
    )
}
