//! A client's controls for one session: sign up or join the waitlist, cancel,
//! accept or decline an offer. Plain forms, so they work before (and without)
//! the WebAssembly; with it they update in place.

use crate::api::signup::{AcceptOffer, CancelSignup, DeclineOffer, SignUpForSession};
use crate::domain::signup::{MySeat, SignupStatus};
use crate::error::AppError;
use crate::ui::components::alert::{action_error, ErrorAlert, StatusAlert};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The signup actions of one page; provide once, read by every [`SeatActions`].
#[derive(Clone, Copy)]
pub struct SignupActions {
    /// Sign up / join the waitlist.
    pub sign_up: ServerAction<SignUpForSession>,
    /// Cancel / leave the waitlist.
    pub cancel: ServerAction<CancelSignup>,
    /// Accept an offer.
    pub accept: ServerAction<AcceptOffer>,
    /// Decline an offer.
    pub decline: ServerAction<DeclineOffer>,
}

impl SignupActions {
    /// Creates the actions and provides them to the page.
    pub fn provide() -> Self {
        let actions = Self {
            sign_up: ServerAction::new(),
            cancel: ServerAction::new(),
            accept: ServerAction::new(),
            decline: ServerAction::new(),
        };
        provide_context(actions);
        actions
    }

    /// Changes whenever any of the actions completes (to refresh resources).
    pub fn version(&self) -> usize {
        self.sign_up.version().get()
            + self.cancel.version().get()
            + self.accept.version().get()
            + self.decline.version().get()
    }

    /// The latest error of any of the actions.
    pub fn error(&self) -> Signal<Option<AppError>> {
        let errors = [
            action_error(self.sign_up.value()),
            action_error(self.cancel.value()),
            action_error(self.accept.value()),
            action_error(self.decline.value()),
        ];
        Signal::derive(move || errors.iter().find_map(|e| e.get()))
    }
}

/// What a signup action did, from the `done` flag its plain form post came
/// back with.
fn done_message(done: &str, overlap: bool) -> Option<String> {
    let mut message = match done {
        "signed_up" => "You're in. Your seat is confirmed.",
        "waitlisted" => "The session is full, so you're on the waitlist. We'll hold a seat for you if one opens.",
        "already" => "You were already signed up for this session.",
        "cancelled" => "Cancelled. Your seat went to the next person waiting.",
        "accepted" => "Seat accepted — see you there.",
        "declined" => "Offer declined. It has passed to the next person.",
        _ => return None,
    }
    .to_string();
    if overlap {
        message
            .push_str(" Heads up: this overlaps with another of your sessions (see My schedule).");
    }
    Some(message)
}

/// Feedback for the page's latest signup action: success sentence or error.
#[component]
pub fn SignupFeedback() -> impl IntoView {
    let actions = expect_context::<SignupActions>();
    let error = actions.error();
    let query = use_query_map();
    let done = move || {
        let query = query.read();
        // A later failed post comes back with `__err` on the same address.
        query
            .get("done")
            .filter(|_| query.get("__err").is_none())
            .and_then(|d| done_message(&d, query.get("overlap").is_some()))
            .map(|m| view! { <StatusAlert success=true message=m /> })
    };
    view! {
        <div aria-live="polite">
            {done}
            <ErrorAlert error />
        </div>
    }
}

/// The controls for one session: what the client can do from where they stand.
#[component]
pub fn SeatActions(
    /// The session.
    session_id: i64,
    /// Where the client stands, if signed up.
    seat: Option<MySeat>,
    /// Whether the session is full (offers the waitlist instead of a seat).
    #[prop(optional)]
    full: bool,
    /// Cancelling now would be a late cancellation.
    #[prop(optional)]
    late: bool,
) -> impl IntoView {
    let actions = expect_context::<SignupActions>();
    let id = session_id.to_string();
    let auto_id = format!("auto-accept-{session_id}");
    match seat.map(|s| s.status) {
        None => {
            let label = if full { "Join the waitlist" } else { "Sign up" };
            view! {
                <ActionForm action=actions.sign_up attr:class="seat-actions">
                    <input type="hidden" name="session_id" value=id />
                    {full.then(|| view! {
                        <label class="seat-actions__option" for=auto_id.clone()>
                            <input type="checkbox" id=auto_id.clone() name="auto_accept" value="on" />
                            " Take a seat automatically if one opens"
                        </label>
                    })}
                    <button class="button button--primary" type="submit">{label}</button>
                </ActionForm>
            }
            .into_any()
        }
        Some(SignupStatus::Offered) => {
            let accept_id = id.clone();
            view! {
            <div class="seat-actions">
                <ActionForm action=actions.accept>
                    <input type="hidden" name="session_id" value=accept_id />
                    <button class="button button--primary" type="submit">"Accept seat"</button>
                </ActionForm>
                <ActionForm action=actions.decline>
                    <input type="hidden" name="session_id" value=id />
                    <button class="button button--secondary" type="submit">"Decline"</button>
                </ActionForm>
            </div>
            }
            .into_any()
        }
        Some(status) => {
            let label = if status == SignupStatus::Waitlisted {
                "Leave the waitlist"
            } else {
                "Cancel my seat"
            };
            view! {
                <ActionForm action=actions.cancel attr:class="seat-actions">
                    <input type="hidden" name="session_id" value=id />
                    {late.then(|| view! {
                        <p class="form__hint">"It is close to the start, so cancelling now is recorded as a late cancellation."</p>
                    })}
                    <button class="button button--secondary" type="submit">{label}</button>
                </ActionForm>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::done_message;

    #[test]
    fn every_flag_a_signup_post_comes_back_with_has_a_sentence() {
        for done in [
            "signed_up",
            "waitlisted",
            "already",
            "cancelled",
            "accepted",
            "declined",
        ] {
            assert!(done_message(done, false).is_some(), "{done}");
        }
        assert_eq!(
            done_message("<script>", false),
            None,
            "unknown flags show nothing"
        );
        let warned = done_message("signed_up", true).unwrap();
        assert!(warned.contains("overlaps"), "{warned}");
    }
}
