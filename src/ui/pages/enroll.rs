//! Joining the program with a single-use enrollment code.

use crate::api::account::Enroll;
use crate::ui::components::alert::{action_error, ErrorAlert};
use crate::ui::components::form_field::FormField;
use leptos::prelude::*;
use leptos_meta::Title;

/// Create a client account with the code staff gave you.
#[component]
pub fn EnrollPage() -> impl IntoView {
    let enroll = ServerAction::<Enroll>::new();
    let error = action_error(enroll.value());
    let summary = Signal::derive(move || {
        error
            .get()
            .filter(|e| !matches!(e, crate::error::AppError::Invalid { .. }))
    });
    view! {
        <Title text="Join your program · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"Join your program"</h1>
            <p class="page-header__lead">
                "Your program gives you a one-time enrollment code. It also tells Kindred which groups you can join."
            </p>
        </div>
        <ErrorAlert error=summary />
        // A plain form, not <ActionForm/>: signing in or out changes who every part
        // of the page is for, so the browser loads the next page whole.
        <form method="post" action="/api/enroll" class="form" novalidate=true>
            <FormField
                label="Enrollment code"
                name="code"
                hint="8 letters and numbers, like ABCD-2345."
                autocomplete="one-time-code"
                error
            />
            <FormField
                label="Preferred name"
                name="preferred_name"
                hint="The name you'd like us to use. No last name needed."
                autocomplete="nickname"
                error
            />
            <FormField label="Email" name="email" input_type="email" autocomplete="email" error />
            <FormField
                label="Password"
                name="password"
                input_type="password"
                autocomplete="new-password"
                hint="At least 10 characters. A short phrase is easy to remember."
                minlength=10
                error
            />
            <div class="form__actions">
                <button class="button button--primary" type="submit" >
                    "Create account"
                </button>
            </div>
        </form>
        <p>"Already have an account? " <a href="/sign-in">"Sign in"</a></p>
    }
}
