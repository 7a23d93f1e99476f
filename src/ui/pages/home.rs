//! The home page: a welcome for visitors, a personal start page when signed in.

use crate::domain::account::Me;
use crate::ui::components::alert::StatusAlert;
use crate::ui::components::async_view::AsyncView;
use crate::ui::context::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Home.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    view! {
        <Title text="Kindred" />
        <AsyncView resource=session.me let:me>
            {match me {
                Some(me) => view! { <Welcome me /> }.into_any(),
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
fn Welcome(me: Me) -> impl IntoView {
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
