//! The gate in front of every staff page.

use crate::error::AppError;
use crate::ui::components::alert::ErrorAlert;
use crate::ui::components::async_view::AsyncView;
use crate::ui::context::use_session;
use crate::ui::pages::account::SignInPrompt;
use leptos::prelude::*;

/// Shows `children` to staff, "no access" to clients and the sign-in prompt to
/// visitors. The server functions behind staff pages check again on every call.
#[component]
pub fn StaffOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let children = StoredValue::new(children);
    view! {
        <AsyncView resource=session.me let:me>
            {match me {
                Some(me) if me.is_staff() => children.read_value()().into_any(),
                Some(_) => view! { <ErrorAlert error=Signal::derive(|| Some(AppError::Forbidden)) /> }.into_any(),
                None => view! { <SignInPrompt /> }.into_any(),
            }}
        </AsyncView>
    }
}
