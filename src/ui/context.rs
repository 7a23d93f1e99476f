//! App-wide reactive state: the current account and the actions that change it.

use crate::api::account::{current_user, Enroll, SignIn, SignOut, SignOutEverywhere};
use crate::api::program::{program_info, ProgramDetails};
use crate::domain::account::Me;
use crate::error::AppResult;
use leptos::prelude::*;

/// The session context: who is signed in and the actions that change it.
#[derive(Clone, Copy)]
pub struct SessionContext {
    /// Sign in with e-mail and password.
    pub sign_in: ServerAction<SignIn>,
    /// Sign out of this device.
    pub sign_out: ServerAction<SignOut>,
    /// Sign out of every device.
    pub sign_out_everywhere: ServerAction<SignOutEverywhere>,
    /// Create an account with an enrollment code.
    pub enroll: ServerAction<Enroll>,
    /// The signed-in account (refetched after any of the actions above).
    pub me: Resource<AppResult<Option<Me>>>,
    /// The program's public facts.
    pub program: Resource<AppResult<ProgramDetails>>,
}

/// Creates the session context; call once, inside the `<Router/>`.
pub fn provide_session() {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
    let enroll = ServerAction::<Enroll>::new();
    let me = Resource::new(
        move || {
            (
                sign_in.version().get(),
                sign_out.version().get(),
                sign_out_everywhere.version().get(),
                enroll.version().get(),
            )
        },
        |_| current_user(),
    );
    let program = Resource::new(|| (), |_| program_info());
    provide_context(SessionContext {
        sign_in,
        sign_out,
        sign_out_everywhere,
        enroll,
        me,
        program,
    });
}

/// The session context provided by [`provide_session`].
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}
