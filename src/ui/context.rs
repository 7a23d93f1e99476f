//! App-wide reactive state: the current account and the program's facts.

use crate::api::account::{current_user, SignOut};
use crate::api::program::{program_info, ProgramDetails};
use crate::domain::account::Me;
use crate::error::AppResult;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The session context: who is signed in, and signing out.
#[derive(Clone, Copy)]
pub struct SessionContext {
    /// Sign out of this device (in the header, on every page).
    pub sign_out: ServerAction<SignOut>,
    /// The signed-in account, refetched after every navigation so that sign-in,
    /// sign-out and session expiry show at once.
    pub me: Resource<AppResult<Option<Me>>>,
    /// The program's public facts.
    pub program: Resource<AppResult<ProgramDetails>>,
}

/// Creates the session context; call once, inside the `<Router/>`.
///
/// Actions whose errors must show after a plain form post (no JavaScript) are
/// created by their pages instead, under `<Routes/>`, where the router provides
/// the error from the URL.
pub fn provide_session() {
    let sign_out = ServerAction::<SignOut>::new();
    let location = use_location();
    let me = Resource::new(
        move || {
            (
                location.pathname.get(),
                location.search.get(),
                sign_out.version().get(),
            )
        },
        |_| current_user(),
    );
    let program = Resource::new(|| (), |_| program_info());
    provide_context(SessionContext {
        sign_out,
        me,
        program,
    });
}

/// The session context provided by [`provide_session`].
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}
