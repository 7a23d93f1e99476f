//! The HTML shell, the providers and the route table — nothing else.

use crate::ui::context::provide_session;
use crate::ui::layout::{SiteFooter, SiteHeader, SkipLink};
use crate::ui::pages::{
    account::AccountPage,
    boards::{BoardPage, BoardsPage, ModerationPage, ThreadPage},
    closures::StaffClosuresPage,
    crisis::CrisisPage,
    directory::DirectoryPage,
    enroll::EnrollPage,
    group::GroupPage,
    group_editor::GroupEditorPage,
    home::HomePage,
    my_schedule::MySchedulePage,
    not_found::NotFoundPage,
    offline::OfflinePage,
    roster::{SessionRosterPage, StaffTodayPage},
    sign_in::SignInPage,
    staff_codes::StaffCodesPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app (server only renders it).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <meta name="theme-color" content="#0e6965" />
                <meta name="description" content="Kindred: your group therapy program's companion." />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options islands=true />
                <script type="module" src="/register-sw.js" nonce=use_nonce()></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: router, frame and pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // Every route renders with SsrMode::Async: each page is sent complete, so
        // it reads right without JavaScript.
        <Router>
            <Frame />
        </Router>
    }
}

/// Everything inside the router (server actions need the router's context to
/// pick up errors from plain form posts made without JavaScript).
#[component]
fn Frame() -> impl IntoView {
    provide_session();
    view! {
        <SkipLink />
        <SiteHeader />
        <main id="main" class="site-main" tabindex="-1">
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                <Route path=path!("/enroll") view=EnrollPage ssr=SsrMode::Async />
                <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                <Route path=path!("/groups") view=DirectoryPage ssr=SsrMode::Async />
                <Route path=path!("/groups/:slug") view=GroupPage ssr=SsrMode::Async />
                <Route path=path!("/crisis") view=CrisisPage ssr=SsrMode::Async />
                <Route path=path!("/offline") view=OfflinePage ssr=SsrMode::Async />
                <Route path=path!("/staff/codes") view=StaffCodesPage ssr=SsrMode::Async />
                <Route path=path!("/staff/groups/new") view=GroupEditorPage ssr=SsrMode::Async />
                <Route path=path!("/staff/closures") view=StaffClosuresPage ssr=SsrMode::Async />
                <Route path=path!("/staff/today") view=StaffTodayPage ssr=SsrMode::Async />
                <Route path=path!("/staff/sessions/:id") view=SessionRosterPage ssr=SsrMode::Async />
                <Route path=path!("/me/schedule") view=MySchedulePage ssr=SsrMode::Async />
                <Route path=path!("/boards") view=BoardsPage ssr=SsrMode::Async />
                <Route path=path!("/boards/:slug") view=BoardPage ssr=SsrMode::Async />
                <Route path=path!("/boards/threads/:id") view=ThreadPage ssr=SsrMode::Async />
                <Route path=path!("/staff/moderation") view=ModerationPage ssr=SsrMode::Async />
                <Route path=path!("/staff/groups/:slug/edit") view=GroupEditorPage ssr=SsrMode::Async />
            </Routes>
        </main>
        <SiteFooter />
    }
}
