//! A client's controls for one session: sign up or join the waitlist, cancel,
//! accept or decline an offer. Plain forms, so they work before (and without)
//! the WebAssembly; with it they update in place.

use crate::api::signup::{AcceptOffer, CancelSignup, DeclineOffer, SignUpForSession};
use crate::domain::signup::{MySeat, SignupOutcome, SignupStatus};
use crate::error::AppError;
use crate::ui::components::alert::{action_error, ErrorAlert, StatusAlert};
use leptos::form::ActionForm;
use leptos::prelude::*;

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

fn outcome_message(outcome: &SignupOutcome) -> String {
    let mut message = match (outcome.seat.status, outcome.changed) {
        (SignupStatus::Confirmed, true) => "You're in. Your seat is confirmed.".to_string(),
        (SignupStatus::Waitlisted, true) => format!(
            "The session is full, so you're on the waitlist ({}). We'll hold a seat for you if one opens.",
            outcome.seat.describe().to_lowercase()
        ),
        (_, false) => format!("You were already signed up: {}.", outcome.seat.describe()),
        (_, true) => outcome.seat.describe(),
    };
    if !outcome.overlaps.is_empty() {
        message.push_str(&format!(
            " Heads up: this overlaps with {}.",
            outcome.overlaps.join(", ")
        ));
    }
    message
}

/// Feedback for the page's latest signup action: success sentence or error.
#[component]
pub fn SignupFeedback() -> impl IntoView {
    let actions = expect_context::<SignupActions>();
    let error = actions.error();
    let done = move || {
        let signed_up = actions
            .sign_up
            .value()
            .get()
            .and_then(|r| r.ok())
            .map(|o| outcome_message(&o));
        let other = [
            (
                actions.cancel.value().get(),
                "Cancelled. Your seat went to the next person waiting.",
            ),
            (
                actions.accept.value().get(),
                "Seat accepted — see you there.",
            ),
            (
                actions.decline.value().get(),
                "Offer declined. It has passed to the next person.",
            ),
        ]
        .into_iter()
        .find_map(|(v, m)| v.and_then(|r| r.ok()).map(|_| m.to_string()));
        signed_up
            .or(other)
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
