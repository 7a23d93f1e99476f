//! Status and error messages announced to screen readers.

use crate::error::AppError;
use leptos::prelude::*;

/// An error box for a failed action (`role="alert"` so it is announced).
#[component]
pub fn ErrorAlert(
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <div class="alert alert--error" role="alert">
                    <p>{e.to_string()}</p>
                </div>
            }
        })
    }
}

/// A success or information box (`role="status"`).
#[component]
pub fn StatusAlert(
    /// The message.
    #[prop(into)]
    message: String,
    /// `success` or `info`.
    #[prop(optional)]
    success: bool,
) -> impl IntoView {
    let class = if success {
        "alert alert--success"
    } else {
        "alert alert--info"
    };
    view! {
        <div class=class role="status">
            <p>{message}</p>
        </div>
    }
}

/// The error of a server action's latest result, if it failed.
pub fn action_error<T, V>(value: V) -> Signal<Option<AppError>>
where
    T: 'static,
    V: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned())))
}
