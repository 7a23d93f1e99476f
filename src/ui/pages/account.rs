//! The account page.

use crate::api::account::SignOutEverywhere;
use crate::domain::account::Me;
use crate::ui::components::alert::{action_error, ErrorAlert};
use crate::ui::components::async_view::AsyncView;
use crate::ui::context::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown instead of personal pages to visitors.
#[component]
pub fn SignInPrompt() -> impl IntoView {
    view! {
        <div class="page-header">
            <h1 class="page-header__title">"Please sign in"</h1>
            <p class="page-header__lead">"You need to sign in to see this page."</p>
        </div>
        <p>
            <a class="button button--primary" href="/sign-in">
                "Sign in"
            </a>
        </p>
    }
}

/// Your account: name, e-mail, role, level of care, and sign out everywhere.
#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Title text="Your account · Kindred" />
        <AsyncView resource=session.me let:me>
            {match me {
                Some(me) => view! { <AccountDetails me /> }.into_any(),
                None => view! { <SignInPrompt /> }.into_any(),
            }}
        </AsyncView>
    }
}

#[component]
fn AccountDetails(me: Me) -> impl IntoView {
    let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
    let error = action_error(sign_out_everywhere.value());
    view! {
        <div class="page-header">
            <h1 class="page-header__title">"Your account"</h1>
        </div>
        <dl class="definition-list">
            <dt>"Name"</dt>
            <dd>{me.preferred_name.clone()}</dd>
            <dt>"Email"</dt>
            <dd>{me.email.clone()}</dd>
            <dt>"Role"</dt>
            <dd>{me.role.label()}</dd>
            {me
                .level_of_care
                .map(|level| {
                    view! {
                        <dt>"Level of care"</dt>
                        <dd>{level.label()}</dd>
                    }
                })}
        </dl>
        <section class="card" aria-labelledby="devices-title">
            <h2 id="devices-title" class="card__title">"Signed in somewhere else?"</h2>
            <div class="card__body">
                <p>
                    "If you used Kindred on a shared or lost device, sign out everywhere. You'll need to sign in again here too."
                </p>
                <ErrorAlert error />
                <form method="post" action="/api/sign_out_everywhere">
                    <button class="button button--danger" type="submit">
                        "Sign out everywhere"
                    </button>
                </form>
            </div>
        </section>
    }
}
