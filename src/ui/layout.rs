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

fn nav_items(me: Option<&Me>) -> Vec<(&'static str, &'static str)> {
    match me {
        None => vec![
            ("/", "Home"),
            ("/sign-in", "Sign in"),
            ("/enroll", "Join with a code"),
        ],
        Some(me) if me.is_staff() => vec![
            ("/", "Home"),
            ("/staff/codes", "Enrollment codes"),
            ("/account", "Account"),
        ],
        Some(_) => vec![
            ("/", "Home"),
            ("/groups", "Groups"),
            ("/account", "Account"),
        ],
    }
}

/// Navigation that fits the signed-in person's role.
#[component]
pub fn SiteNav() -> impl IntoView {
    let session = use_session();
    let links = move |me: Option<Me>| {
        let signed_in = me.is_some();
        view! {
            <ul class="site-nav__list">
                {nav_items(me.as_ref())
                    .into_iter()
                    .map(|(href, label)| {
                        view! {
                            <li>
                                <A href=href attr:class="site-nav__link">
                                    {label}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
                {signed_in
                    .then(|| {
                        view! {
                            <li>
                                <SignOutButton />
                            </li>
                        }
                    })}
            </ul>
        }
    };
    view! {
        <nav class="site-nav" aria-label="Main">
            <Transition fallback=move || links(None)>
                {move || session.me.get().map(|r| links(r.ok().flatten()))}
            </Transition>
        </nav>
    }
}

/// Signs out of this device (a form, so it works without JavaScript).
#[component]
pub fn SignOutButton() -> impl IntoView {
    let session = use_session();
    view! {
        <leptos::form::ActionForm action=session.sign_out attr:class="site-nav__form">
            <button class="site-nav__button" type="submit">
                "Sign out"
            </button>
        </leptos::form::ActionForm>
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
