//! App-wide reactive state: the current account and the program's facts.

use crate::api::account::current_user;
use crate::api::program::{program_info, ProgramDetails};
use crate::domain::account::Me;
use crate::error::{AppError, AppResult};
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

/// Whom a page's data is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Anyone signed in.
    SignedIn,
    /// Facilitators and admins.
    Staff,
    /// Clients (not staff).
    Client,
}

impl SessionContext {
    /// Waits for the session, then loads `data` only for someone in
    /// `audience`; anyone else gets the gate's error without a call.
    ///
    /// Gated pages make their resources outside the gate, because the gate's
    /// content renders more than once on the server and a resource made in
    /// it would load once per render. This keeps those resources from calling
    /// server functions for people the gate turns away, which would also set
    /// the page's HTTP status to the function's error.
    pub async fn load_for<T>(
        self,
        audience: Audience,
        data: impl std::future::Future<Output = AppResult<T>>,
    ) -> AppResult<T> {
        match self.me.await {
            Ok(Some(me)) => match audience {
                Audience::SignedIn => data.await,
                Audience::Staff if me.is_staff() => data.await,
                Audience::Client if !me.is_staff() => data.await,
                _ => Err(AppError::Forbidden),
            },
            Ok(None) => Err(AppError::NotSignedIn),
            Err(err) => Err(err),
        }
    }
}
