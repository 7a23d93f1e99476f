//! The sign-in page.

use crate::api::account::SignIn;
use crate::ui::components::alert::{action_error, ErrorAlert, StatusAlert};
use crate::ui::components::form_field::FormField;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Sign in with e-mail and password.
#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let error = action_error(sign_in.value());
    let summary = Signal::derive(move || {
        error
            .get()
            .filter(|e| !matches!(e, crate::error::AppError::Invalid { .. }))
    });
    let query = use_query_map();
    let signed_out = move || {
        query.read().get("signed_out").map(|v| {
            let message = if v == "everywhere" {
                "You've been signed out on all your devices."
            } else {
                "You've signed out."
            };
            view! { <StatusAlert success=true message=message /> }
        })
    };
    view! {
        <Title text="Sign in · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"Sign in"</h1>
        </div>
        {signed_out}
        <ErrorAlert error=summary />
        // A plain form, not <ActionForm/>: signing in or out changes who every part
        // of the page is for, so the browser loads the next page whole.
        <form method="post" action="/api/sign_in" class="form" novalidate=true>
            <FormField label="Email" name="email" input_type="email" autocomplete="username" error />
            <FormField
                label="Password"
                name="password"
                input_type="password"
                autocomplete="current-password"
                error
            />
            <div class="form__actions">
                <button class="button button--primary" type="submit" >
                    "Sign in"
                </button>
            </div>
        </form>
        <p>"New to the program? " <a href="/enroll">"Join with your enrollment code"</a></p>
    }
}
