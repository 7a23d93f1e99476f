//! App-wide reactive state: the current account and the program's facts.

use crate::api::account::current_user;
use crate::api::program::{program_info, ProgramDetails};
use crate::domain::account::Me;
use crate::error::AppResult;
use leptos::prelude::*;

/// The session context: who is signed in, and the program they are in.
#[derive(Clone, Copy)]
pub struct SessionContext {
    /// The signed-in account. Signing in and out are plain form posts that load
    /// the next page whole, so this is fresh on every full page load.
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
    let me = Resource::new(|| (), |_| current_user());
    let program = Resource::new(|| (), |_| program_info());
    provide_context(SessionContext { me, program });
}

/// The session context provided by [`provide_session`].
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}
