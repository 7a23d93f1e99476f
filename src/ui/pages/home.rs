//! The home page: a welcome for visitors, a personal start page when signed in.

use crate::api::signup::{get_my_schedule, my_notices, DismissNotices};
use crate::domain::account::Me;
use crate::domain::signup::{MySchedule, Notice, SignupStatus};
use crate::error::AppError;
use crate::ui::components::alert::StatusAlert;
use crate::ui::components::async_view::AsyncView;
use crate::ui::context::{use_session, Audience};
use crate::ui::pages::my_schedule::HoursMeterCard;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Home.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    // Made here, outside the session gate, whose content renders more than
    // once on the server: a resource made inside would load once per render.
    let dismiss = ServerAction::<DismissNotices>::new();
    let notices = Resource::new(
        move || dismiss.version().get(),
        move |_| session.load_for(Audience::SignedIn, my_notices()),
    );
    let week = Resource::new(
        || (),
        move |_| session.load_for(Audience::Client, get_my_schedule()),
    );
    view! {
        <Title text="Kindred" />
        <AsyncView resource=session.me let:me>
            {match me {
                Some(me) => view! { <Welcome me dismiss notices week /> }.into_any(),
                None => view! { <VisitorWelcome /> }.into_any(),
            }}
        </AsyncView>
    }
}

#[component]
fn VisitorWelcome() -> impl IntoView {
    view! {
        <div class="page-header">
            <h1 class="page-header__title">"Welcome to Kindred"</h1>
            <p class="page-header__lead">
                "Your program's companion for group therapy: your groups, your week, and a safe place to support each other."
            </p>
        </div>
        <p class="form__actions">
            <a class="button button--primary" href="/sign-in">
                "Sign in"
            </a>
            <a class="button button--secondary" href="/enroll">
                "Join with a code"
            </a>
        </p>
        <section class="card" aria-labelledby="privacy-title">
            <h2 id="privacy-title" class="card__title">"Your privacy"</h2>
            <div class="card__body">
                <p>
                    "Nobody in your groups can see who else attends. Kindred never names your groups or program in notifications."
                </p>
            </div>
        </section>
    }
}

#[component]
fn Welcome(
    me: Me,
    dismiss: ServerAction<DismissNotices>,
    notices: Resource<Result<Vec<Notice>, AppError>>,
    week: Resource<Result<MySchedule, AppError>>,
) -> impl IntoView {
    let query = use_query_map();
    let welcome = move || {
        query
            .read()
            .get("welcome")
            .map(|_| view! { <StatusAlert success=true message="Your account is ready. Welcome to Kindred." /> })
    };
    let staff = me.is_staff();
    view! {
        <div class="page-header">
            <h1 class="page-header__title">{format!("Hi, {}", me.preferred_name)}</h1>
            <p class="page-header__lead">
                {match me.level_of_care {
                    Some(level) => format!("You're in {}.", level.label()),
                    None => format!("Signed in as {}.", me.role.label()),
                }}
            </p>
        </div>
        {welcome}
        {staff
            .then(|| {
                view! {
                    <section class="card" aria-labelledby="staff-title">
                        <h2 id="staff-title" class="card__title">"Staff tools"</h2>
                        <div class="card__body">
                            <p>
                                <a href="/staff/today">"Today's sessions"</a>
                                ": rosters and attendance."
                            </p>
                            <p>
                                <a href="/staff/codes">"Issue an enrollment code"</a>
                                " for a new client."
                            </p>
                            <p>
                                <a href="/staff/groups/new">"Create a group"</a>
                                " or open one from "
                                <a href="/groups">"the directory"</a>
                                " to edit it, cancel a session or set its topic."
                            </p>
                            <p>
                                <a href="/staff/closures">"Program closures"</a>
                                ": holidays and other days without sessions."
                            </p>
                        </div>
                    </section>
                }
            })}
        <Notices dismiss data=notices />
        {(!staff).then(|| view! { <ClientWeek data=week /> })}
        <section class="card" aria-labelledby="account-title">
            <h2 id="account-title" class="card__title">"Your account"</h2>
            <div class="card__body">
                <p>
                    <a href="/account">"Account and sign-in settings"</a>
                </p>
            </div>
        </section>
    }
}

/// A client's week at a glance: seat offers waiting for an answer, the next
/// session, and the program-hours meter.
#[component]
fn ClientWeek(data: Resource<Result<MySchedule, AppError>>) -> impl IntoView {
    view! {
        <AsyncView resource=data let:schedule>
            {
                let offers = schedule
                    .entries
                    .iter()
                    .filter(|e| e.seat.status == SignupStatus::Offered)
                    .count();
                let next = schedule
                    .entries
                    .iter()
                    .find(|e| e.seat.status == SignupStatus::Confirmed && e.cancelled.is_none())
                    .map(|e| format!("Next: {} — {}", e.when, e.group_name));
                view! {
                    {(offers > 0).then(|| view! {
                        <p class="alert alert--warning" role="status">
                            {if offers == 1 { "A seat opened up for you. ".to_string() } else { format!("{offers} seats opened up for you. ") }}
                            <a href="/me/schedule">"Accept or decline in My schedule"</a>
                        </p>
                    })}
                    <p class="form__actions">
                        <a class="button button--primary" href="/me/schedule">"My schedule"</a>
                        <a class="button button--secondary" href="/groups">"Find a group"</a>
                    </p>
                    {next.map(|n| view! { <p>{n}</p> })}
                    {schedule.hours.map(|hours| view! { <HoursMeterCard hours /> })}
                }
            }
        </AsyncView>
    }
}

/// Unread notices (a seat offered, a session cancelled), with "mark as read".
#[component]
fn Notices(
    dismiss: ServerAction<DismissNotices>,
    data: Resource<Result<Vec<Notice>, AppError>>,
) -> impl IntoView {
    view! {
        <Transition fallback=|| ()>
            {move || {
                data.get()
                    .and_then(|r| r.ok())
                    .filter(|list| !list.is_empty())
                    .map(|list| {
                        view! {
                            <section class="card notices" aria-labelledby="notices-title">
                                <h2 id="notices-title" class="card__title">"Updates for you"</h2>
                                <div class="card__body">
                                    <ul class="notices__list">
                                        {list
                                            .into_iter()
                                            .map(|n| view! {
                                                <li>
                                                    <span class="notices__when">{n.when}</span>
                                                    " "
                                                    {n.body}
                                                </li>
                                            })
                                            .collect_view()}
                                    </ul>
                                    <ActionForm action=dismiss>
                                        <button class="button button--secondary" type="submit">"Mark all as read"</button>
                                    </ActionForm>
                                </div>
                            </section>
                        }
                    })
            }}
        </Transition>
    }
}
