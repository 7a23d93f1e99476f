//! The frame around every page: skip link, header with the crisis link and
//! role-aware navigation, and footer.

use crate::domain::account::Me;
use crate::ui::context::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

/// The first focusable element: jumps over the header to the content.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        // rel="external": the browser, not the router, follows it, so focus moves into <main>.
        <a class="skip-link" href="#main" rel="external">
            "Skip to main content"
        </a>
    }
}

/// The "Need help now?" link, on every page, signed in or not.
#[component]
pub fn CrisisLink() -> impl IntoView {
    view! {
        <a class="crisis-link" href="/crisis">
            "Need help now?"
        </a>
    }
}

/// The site header.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="site-header__brand" href="/">
                "Kindred"
            </a>
            <CrisisLink />
            <SiteNav />
        </header>
    }
}

fn nav_link(href: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <li>
            <A href=href attr:class="site-nav__link">
                {label}
            </A>
        </li>
    }
}

/// The links for one kind of person. Each kind is its own view type with a
/// fixed number of items, so a change of who is signed in replaces the list
/// instead of patching it item by item.
fn nav_links(me: Option<&Me>) -> AnyView {
    match me {
        None => view! {
            <ul class="site-nav__list">
                {nav_link("/", "Home")}
                {nav_link("/groups", "Groups")}
                {nav_link("/sign-in", "Sign in")}
                {nav_link("/enroll", "Join with a code")}
            </ul>
        }
        .into_any(),
        Some(me) if me.is_staff() => view! {
            <ul class="site-nav__list site-nav__list--staff">
                {nav_link("/", "Home")}
                {nav_link("/groups", "Groups")}
                {nav_link("/staff/today", "Today")}
                {nav_link("/staff/moderation", "Moderation")}
                {nav_link("/staff/groups/new", "New group")}
                {nav_link("/staff/codes", "Enrollment codes")}
                {nav_link("/account", "Account")}
                <li>
                    <SignOutButton />
                </li>
            </ul>
        }
        .into_any(),
        Some(_) => view! {
            <ul class="site-nav__list site-nav__list--client">
                {nav_link("/", "Home")}
                {nav_link("/me/schedule", "My schedule")}
                {nav_link("/groups", "Groups")}
                {nav_link("/boards", "Peer support")}
                {nav_link("/account", "Account")}
                <li>
                    <SignOutButton />
                </li>
            </ul>
        }
        .into_any(),
    }
}

/// Navigation that fits the signed-in person's role.
#[component]
pub fn SiteNav() -> impl IntoView {
    let session = use_session();
    view! {
        <nav class="site-nav" aria-label="Main">
            <Transition fallback=|| nav_links(None)>
                {move || session.me.get().map(|r| nav_links(r.ok().flatten().as_ref()))}
            </Transition>
        </nav>
    }
}

/// Signs out of this device (a form, so it works without JavaScript).
#[component]
pub fn SignOutButton() -> impl IntoView {
    view! {
        // A plain form: signing out reloads the page whole (see SignInPage).
        <form method="post" action="/api/sign_out" class="site-nav__form">
            <button class="site-nav__button" type="submit">
                "Sign out"
            </button>
        </form>
    }
}

/// The site footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let session = use_session();
    view! {
        <footer class="site-footer">
            <p>
                "In an emergency call "
                <a href="tel:911">"911"</a>
                ". For the 988 Suicide & Crisis Lifeline call or text "
                <a href="tel:988">"988"</a>
                "."
            </p>
            <Transition fallback=|| ()>
                {move || {
                    session
                        .program
                        .get()
                        .and_then(|r| r.ok())
                        .map(|p| view! { <p class="site-footer__program">{p.name}</p> })
                }}
            </Transition>
            <button id="install-app" class="button button--secondary" type="button" hidden=true>
                "Install Kindred on this device"
            </button>
        </footer>
    }
}
