//! Staff: one session's roster (`/staff/sessions/{id}`) and today's sessions
//! (`/staff/today`). Built for a phone in the group room: one tap per person
//! to mark attendance. Every roster view is audited on the server.

use crate::api::signup::{
    get_session_roster, staff_today, AddToSession, MarkAttendance, MoveUpWaitlist,
    RemoveFromSession, SetSessionCapacity,
};
use crate::domain::signup::{Attendance, RosterEntry, SessionRoster, SignupStatus, TodaySession};
use crate::error::AppError;
use crate::ui::components::alert::{action_error, ErrorAlert};
use crate::ui::components::async_view::AsyncView;
use crate::ui::components::form_field::FormField;
use crate::ui::components::staff_only::StaffOnly;
use crate::ui::context::{use_session, Audience};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy)]
struct RosterActions {
    mark: ServerAction<MarkAttendance>,
    remove: ServerAction<RemoveFromSession>,
    move_up: ServerAction<MoveUpWaitlist>,
    add: ServerAction<AddToSession>,
    capacity: ServerAction<SetSessionCapacity>,
}

/// A session's roster.
#[component]
pub fn SessionRosterPage() -> impl IntoView {
    // Made here, outside the staff gate, whose content renders more than once
    // on the server: a resource made inside would load (and audit the view)
    // once per render.
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let actions = RosterActions {
        mark: ServerAction::new(),
        remove: ServerAction::new(),
        move_up: ServerAction::new(),
        add: ServerAction::new(),
        capacity: ServerAction::new(),
    };
    provide_context(actions);
    let data = Resource::new(
        move || {
            (
                id.get(),
                actions.mark.version().get(),
                actions.remove.version().get(),
                actions.move_up.version().get(),
                actions.add.version().get(),
                actions.capacity.version().get(),
            )
        },
        move |(id, ..)| session.load_for(Audience::Staff, get_session_roster(id)),
    );
    view! {
        <Title text="Session roster · Kindred" />
        <StaffOnly>
            <RosterManager data />
        </StaffOnly>
    }
}

#[component]
fn RosterManager(data: Resource<Result<SessionRoster, AppError>>) -> impl IntoView {
    let actions = expect_context::<RosterActions>();
    let errors = [
        action_error(actions.mark.value()),
        action_error(actions.remove.value()),
        action_error(actions.move_up.value()),
        action_error(actions.add.value()),
        action_error(actions.capacity.value()),
    ];
    let error = Signal::derive(move || {
        errors
            .iter()
            .find_map(|e| e.get())
            .filter(|e| !e.is_about_fields())
    });
    view! {
        <div aria-live="polite">
            <ErrorAlert error />
        </div>
        <AsyncView resource=data let:roster>
            <RosterView roster />
        </AsyncView>
    }
}

#[component]
fn RosterView(roster: SessionRoster) -> impl IntoView {
    let actions = expect_context::<RosterActions>();
    let sid = roster.session_id.to_string();
    let sid_capacity = sid.clone();
    let capacity_error = action_error(actions.capacity.value());
    let add_error = action_error(actions.add.value());
    let counts = format!(
        "{} of {} seats confirmed · {} offered · {} waiting",
        roster.confirmed, roster.capacity, roster.offered, roster.waitlisted
    );
    let marked = roster
        .entries
        .iter()
        .filter(|e| e.status == SignupStatus::Confirmed && e.attendance.is_some())
        .count();
    let (active, others): (Vec<RosterEntry>, Vec<RosterEntry>) = roster
        .entries
        .into_iter()
        .partition(|e| e.status.is_active());
    view! {
        <div class="page-header">
            <p class="page-header__eyebrow">
                <a href="/staff/today">"Today"</a>
                " · "
                <a href=format!("/groups/{}", roster.group_slug)>{roster.group_name.clone()}</a>
            </p>
            <h1 class="page-header__title">{format!("{} — {}", roster.group_name, roster.when)}</h1>
            <p class="page-header__lead">{counts}</p>
            <p class="form__hint">{format!("Attendance marked for {marked} of {}.", roster.confirmed)}</p>
            {roster.cancelled.clone().map(|r| view! { <p class="alert alert--warning">{format!("This session is cancelled. {r}")}</p> })}
            <p class="no-print">
                <PrintButton />
            </p>
        </div>
        <section aria-labelledby="roster-title">
            <h2 id="roster-title">"Roster"</h2>
            {if active.is_empty() {
                view! { <p class="empty-state">"Nobody has signed up yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="roster">
                        {active.into_iter().map(|entry| view! { <RosterRow entry /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <div class="print-only">
                <p>"Sign-in sheet. Confidential: contains protected health information."</p>
            </div>
        </section>
        {(!others.is_empty()).then(|| view! {
            <section aria-labelledby="others-title" class="no-print">
                <h2 id="others-title">"Late cancellations and removals"</h2>
                <ul class="roster roster--others">
                    {others.into_iter().map(|e| view! {
                        <li class="roster__item">
                            <span class="roster__name">{e.name.clone()}</span>
                            <span class="badge">{if e.late_cancel { "Late cancellation".to_string() } else { e.status.label().to_string() }}</span>
                            {e.note.clone().map(|n| view! { <span class="form__hint">{n}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section class="card no-print" aria-labelledby="manage-title">
            <h2 id="manage-title" class="card__title">"Manage this session"</h2>
            <div class="card__body">
                <ActionForm action=actions.add attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="session_id" value=sid />
                    <FormField label="Add a client by e-mail" name="email" input_type="email" hint="Closed groups: this is how members join. Uses a free seat." error=add_error />
                    <button class="button button--secondary" type="submit">"Add to session"</button>
                </ActionForm>
                <ActionForm action=actions.capacity attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="session_id" value=sid_capacity />
                    <FormField label="Seats in this session" name="capacity" input_type="number" value=roster.capacity.to_string() hint="New seats go to the waitlist first." error=capacity_error />
                    <button class="button button--secondary" type="submit">"Change capacity"</button>
                </ActionForm>
            </div>
        </section>
    }
}

/// An island: the one interactive part of the roster page.
#[island]
fn PrintButton() -> impl IntoView {
    view! {
        <button
            class="button button--secondary"
            type="button"
            on:click=move |_| {
                #[cfg(feature = "hydrate")]
                {
                    let _ = window().print();
                }
            }
        >
            "Print sign-in sheet"
        </button>
    }
}

#[component]
fn RosterRow(entry: RosterEntry) -> impl IntoView {
    let actions = expect_context::<RosterActions>();
    let id = entry.signup_id.to_string();
    let status = match (entry.status, entry.position, &entry.offer_deadline) {
        (SignupStatus::Waitlisted, Some(p), _) => format!("Waitlist #{p}"),
        (SignupStatus::Offered, _, Some(d)) => format!("Offered until {d}"),
        (s, ..) => s.label().to_string(),
    };
    let confirmed = entry.status == SignupStatus::Confirmed;
    let waiting = entry.status == SignupStatus::Waitlisted;
    let current = entry.attendance;
    let name = entry.name.clone();
    let attendance_buttons = confirmed.then(|| {
        let buttons = Attendance::ALL
            .into_iter()
            .map(|a| {
                let pressed = current == Some(a);
                let id = id.clone();
                let label = format!("{} — {}", name, a.label());
                view! {
                    <ActionForm action=actions.mark attr:class="attendance__form">
                        <input type="hidden" name="signup_id" value=id />
                        <input type="hidden" name="attendance" value=a.as_str() />
                        <button
                            type="submit"
                            class=if pressed { "attendance__button attendance__button--on" } else { "attendance__button" }
                            aria-pressed=if pressed { "true" } else { "false" }
                            aria-label=label
                        >
                            {a.label()}
                        </button>
                    </ActionForm>
                }
            })
            .collect_view();
        view! { <div class="attendance" role="group" aria-label=format!("Attendance for {name}")>{buttons}</div> }
    });
    let id_remove = id.clone();
    let reason_remove = format!("remove-reason-{}", entry.signup_id);
    let reason_move = format!("move-reason-{}", entry.signup_id);
    view! {
        <li class="roster__item">
            <div class="roster__head">
                <span class="roster__name">{entry.name.clone()}</span>
                <span class="badge">{status}</span>
                {entry.added_by_staff.then(|| view! { <span class="badge">"Added by staff"</span> })}
            </div>
            {attendance_buttons}
            <span class="print-only roster__signature">"Signature: ______________________"</span>
            <details class="roster__more no-print">
                <summary>{format!("More for {}", entry.name)}</summary>
                {waiting.then(|| {
                    let id = id.clone();
                    let reason_move = reason_move.clone();
                    view! {
                        <ActionForm action=actions.move_up attr:class="form">
                            <input type="hidden" name="signup_id" value=id />
                            <label class="form__label" for=reason_move.clone()>"Reason for moving to the front (recorded)"</label>
                            <input class="form__input" id=reason_move name="reason" required=true />
                            <button class="button button--secondary" type="submit">"Move to front of waitlist"</button>
                        </ActionForm>
                    }
                })}
                <ActionForm action=actions.remove attr:class="form">
                    <input type="hidden" name="signup_id" value=id_remove />
                    <label class="form__label" for=reason_remove.clone()>"Reason for removing (recorded)"</label>
                    <input class="form__input" id=reason_remove name="reason" required=true />
                    <button class="button button--danger" type="submit">"Remove from session"</button>
                </ActionForm>
            </details>
        </li>
    }
}

/// Today's sessions for staff.
#[component]
pub fn StaffTodayPage() -> impl IntoView {
    let session = use_session();
    let data = Resource::new(
        || (),
        move |_| session.load_for(Audience::Staff, staff_today()),
    );
    view! {
        <Title text="Today · Kindred" />
        <StaffOnly>
            <div class="page-header">
                <h1 class="page-header__title">"Today's sessions"</h1>
                <p class="page-header__lead">"Booked seats, waitlists and attendance at a glance."</p>
            </div>
            <AsyncView resource=data let:sessions>
                <TodayList sessions />
            </AsyncView>
        </StaffOnly>
    }
}

#[component]
fn TodayList(sessions: Vec<TodaySession>) -> impl IntoView {
    if sessions.is_empty() {
        return view! { <p class="empty-state">"No sessions today."</p> }.into_any();
    }
    view! {
        <ul class="today-list">
            {sessions
                .into_iter()
                .map(|s| {
                    let detail = if s.cancelled {
                        "Cancelled".to_string()
                    } else {
                        format!(
                            "{} of {} booked · {} waiting · attendance {} of {}",
                            s.booked, s.capacity, s.waitlisted, s.marked, s.booked
                        )
                    };
                    view! {
                        <li class="today-list__item">
                            <a class="today-list__link" href=format!("/staff/sessions/{}", s.session_id)>
                                <strong>{format!("{} · {}", s.when, s.group_name)}</strong>
                                <span>{detail}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
