//! Every server function with who may call it. A new server function that is
//! missing from this table fails the build's tests.

use crate::support::*;
use http::{Method, StatusCode};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person.
    SignedIn,
    /// Facilitators and admins.
    Staff,
    /// Clients only (staff are refused with 403).
    Client,
    /// Any signed-in person; the sample call may be refused on its merits (404, 409), never 401/403.
    Member,
}

/// (path, method, who may call it)
const SERVER_FUNCTIONS: &[(&str, Method, Access)] = &[
    ("/api/current_user", Method::GET, Access::Public),
    ("/api/program_info", Method::GET, Access::Public),
    ("/api/sign_in", Method::POST, Access::Public),
    ("/api/sign_out", Method::POST, Access::Public),
    ("/api/enroll", Method::POST, Access::Public),
    ("/api/sign_out_everywhere", Method::POST, Access::SignedIn),
    ("/api/issue_enrollment_code", Method::POST, Access::Staff),
    ("/api/list_enrollment_codes", Method::GET, Access::Staff),
    ("/api/list_groups", Method::GET, Access::Public),
    ("/api/get_group", Method::GET, Access::Public),
    ("/api/get_group_for_edit", Method::GET, Access::Staff),
    ("/api/save_group", Method::POST, Access::Staff),
    ("/api/archive_group", Method::POST, Access::Staff),
    ("/api/restore_group", Method::POST, Access::Staff),
    ("/api/preview_schedule", Method::GET, Access::Staff),
    ("/api/cancel_session", Method::POST, Access::Staff),
    ("/api/restore_session", Method::POST, Access::Staff),
    ("/api/set_session_topic", Method::POST, Access::Staff),
    ("/api/list_closures", Method::GET, Access::Staff),
    ("/api/add_closure", Method::POST, Access::Staff),
    ("/api/remove_closure", Method::POST, Access::Staff),
    ("/api/sign_up_for_session", Method::POST, Access::Client),
    ("/api/cancel_signup", Method::POST, Access::Client),
    ("/api/accept_offer", Method::POST, Access::Client),
    ("/api/decline_offer", Method::POST, Access::Client),
    ("/api/get_my_schedule", Method::GET, Access::Client),
    ("/api/my_seats", Method::GET, Access::Public),
    ("/api/create_calendar_feed", Method::POST, Access::Client),
    ("/api/revoke_calendar_feed", Method::POST, Access::Client),
    ("/api/get_session_roster", Method::GET, Access::Staff),
    ("/api/add_to_session", Method::POST, Access::Staff),
    ("/api/remove_from_session", Method::POST, Access::Staff),
    ("/api/set_session_capacity", Method::POST, Access::Staff),
    ("/api/move_up_waitlist", Method::POST, Access::Staff),
    ("/api/mark_attendance", Method::POST, Access::Staff),
    ("/api/staff_today", Method::GET, Access::Staff),
    ("/api/my_notices", Method::GET, Access::SignedIn),
    ("/api/dismiss_notices", Method::POST, Access::SignedIn),
    ("/api/list_boards", Method::GET, Access::SignedIn),
    ("/api/get_board", Method::GET, Access::SignedIn),
    ("/api/get_thread", Method::GET, Access::Member),
    ("/api/accept_guidelines", Method::POST, Access::Member),
    ("/api/start_thread", Method::POST, Access::Member),
    ("/api/reply_to_thread", Method::POST, Access::Member),
    ("/api/react_to_post", Method::POST, Access::Member),
    ("/api/report_post", Method::POST, Access::Member),
    ("/api/get_moderation_queue", Method::GET, Access::Staff),
    ("/api/moderate_post", Method::POST, Access::Staff),
    ("/api/lock_thread", Method::POST, Access::Staff),
    ("/api/reveal_author", Method::POST, Access::Staff),
    ("/api/edit_post", Method::POST, Access::Member),
    ("/api/delete_post", Method::POST, Access::Member),
    ("/api/mute_author", Method::POST, Access::Member),
    ("/api/unmute_everyone", Method::POST, Access::SignedIn),
    ("/api/set_blur_preferences", Method::POST, Access::SignedIn),
];

/// Arguments that make each call meaningful (a real slug, a real-looking form).
fn sample_args(path: &str) -> (&'static str, Vec<(&'static str, &'static str)>) {
    match path {
        "/api/get_group" | "/api/get_group_for_edit" => ("?slug=alumni-circle", vec![]),
        "/api/preview_schedule" => (
            "?weekdays[0]=mon&start_time=18:00&duration_minutes=90",
            vec![],
        ),
        "/api/archive_group" | "/api/restore_group" => ("", vec![("slug", "alumni-circle")]),
        "/api/save_group" => (
            "",
            vec![
                ("slug", ""),
                ("name", "Authz Probe"),
                ("kind", "process"),
                ("description", "d"),
                ("facilitator", "F"),
                ("format", "in_person"),
                ("capacity", "10"),
                ("min_size", "3"),
                ("language", "English"),
                ("start_time", "18:00"),
                ("duration_minutes", "90"),
            ],
        ),
        "/api/cancel_session" => ("", vec![("session_id", "1"), ("reason", "Snow day")]),
        "/api/restore_session" => ("", vec![("session_id", "1")]),
        "/api/add_closure" => ("", vec![("day", "2026-12-24"), ("reason", "Holiday")]),
        "/api/remove_closure" => ("", vec![("day", "2026-12-25")]),
        "/api/set_session_topic" => ("", vec![("session_id", "1"), ("topic", "Check-in")]),
        "/api/my_seats" => ("?slug=alumni-circle", vec![]),
        "/api/get_board" => ("?slug=community", vec![]),
        "/api/get_thread" => ("?thread_id=1", vec![]),
        "/api/start_thread" => (
            "",
            vec![
                ("board", "community"),
                ("title", "Probe"),
                ("body", "Probe"),
            ],
        ),
        "/api/reply_to_thread" => ("", vec![("thread_id", "1"), ("body", "Probe")]),
        "/api/react_to_post" => ("", vec![("post_id", "1"), ("reaction", "me_too")]),
        "/api/report_post" => ("", vec![("post_id", "1"), ("reason", "spam")]),
        "/api/edit_post" => ("", vec![("post_id", "999999"), ("body", "Probe")]),
        "/api/delete_post" | "/api/mute_author" => ("", vec![("post_id", "999999")]),
        "/api/set_blur_preferences" => ("", vec![("blur[]", "trauma")]),
        "/api/moderate_post" => ("", vec![("post_id", "1"), ("action", "restore")]),
        "/api/lock_thread" => ("", vec![("thread_id", "1"), ("locked", "true")]),
        "/api/reveal_author" => (
            "",
            vec![("post_id", "1"), ("reason", "Authorization probe")],
        ),
        "/api/get_session_roster" => ("?session_id=1", vec![]),
        "/api/sign_up_for_session"
        | "/api/cancel_signup"
        | "/api/accept_offer"
        | "/api/decline_offer" => ("", vec![("session_id", "1")]),
        "/api/add_to_session" => (
            "",
            vec![("session_id", "1"), ("email", "client@demo.kindred.care")],
        ),
        "/api/remove_from_session" | "/api/move_up_waitlist" => {
            ("", vec![("signup_id", "1"), ("reason", "Probe")])
        }
        "/api/set_session_capacity" => ("", vec![("session_id", "1"), ("capacity", "12")]),
        "/api/mark_attendance" => ("", vec![("signup_id", "1"), ("attendance", "present")]),
        _ => ("", vec![("level_of_care", "iop")]),
    }
}

#[test]
fn every_server_function_is_in_the_access_table() {
    let mut registered: Vec<(String, Method)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, m)| (p.to_string(), m))
        .collect();
    registered.sort_by(|a, b| a.0.cmp(&b.0));
    let mut table: Vec<(String, Method)> = SERVER_FUNCTIONS
        .iter()
        .map(|(p, m, _)| (p.to_string(), m.clone()))
        .collect();
    table.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        registered, table,
        "add new server functions to SERVER_FUNCTIONS with who may call them"
    );
}

async fn call(app: &TestApp, path: &str, method: &Method, cookie: Option<&str>) -> TestResponse {
    let name = path.trim_start_matches("/api/");
    let (query, form) = sample_args(path);
    if *method == Method::GET {
        app.get(&format!("{path}{query}"), cookie).await
    } else {
        app.call(name, &form, cookie).await
    }
}

both_backends! {
    async fn access_rules_hold_for_every_server_function(app) {
        let app = app.with_demo().await;
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        for (path, method, access) in SERVER_FUNCTIONS {
            if *path == "/api/sign_out" || *path == "/api/sign_out_everywhere" || *path == "/api/sign_in" || *path == "/api/enroll" {
                continue; // covered in sessions.rs / accounts.rs (they change who is signed in)
            }
            let visitor = call(&app, path, method, None).await;
            let as_client = call(&app, path, method, Some(&client)).await;
            let as_staff = call(&app, path, method, Some(&staff)).await;
            match access {
                Access::Public => {
                    assert_eq!(visitor.status, StatusCode::OK, "{path}: {}", visitor.body);
                }
                Access::SignedIn => {
                    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED, "{path}");
                    assert_eq!(as_client.status, StatusCode::OK, "{path}: {}", as_client.body);
                }
                Access::Member => {
                    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED, "{path}: {}", visitor.body);
                    for res in [&as_client, &as_staff] {
                        assert!(
                            res.status != StatusCode::UNAUTHORIZED && res.status != StatusCode::FORBIDDEN,
                            "{path}: signed-in person refused: {} {}", res.status, res.body
                        );
                    }
                }
                Access::Client => {
                    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED, "{path}: {}", visitor.body);
                    assert_eq!(as_staff.status, StatusCode::FORBIDDEN, "{path}: {}", as_staff.body);
                    assert!(
                        as_client.status != StatusCode::UNAUTHORIZED && as_client.status != StatusCode::FORBIDDEN,
                        "{path}: client refused: {} {}", as_client.status, as_client.body
                    );
                }
                Access::Staff => {
                    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED, "{path}: {}", visitor.body);
                    assert_eq!(visitor.json()["code"], "not_signed_in");
                    assert_eq!(as_client.status, StatusCode::FORBIDDEN, "{path}: {}", as_client.body);
                    assert_eq!(as_client.json()["code"], "forbidden");
                    assert!(
                        as_staff.status != StatusCode::UNAUTHORIZED && as_staff.status != StatusCode::FORBIDDEN,
                        "{path}: staff refused: {} {}", as_staff.status, as_staff.body
                    );
                }
            }
        }
        // Nothing was issued by the refused calls: only the staff call made a code.
        let list = app.get("/api/list_enrollment_codes", Some(&staff)).await.json();
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
        // The refused archive calls changed nothing; the staff call archived the group.
        let audit = kindred::server::repo::audit::recent(&app.state.db, 50).await.unwrap();
        assert_eq!(audit.iter().filter(|a| a.action == "group.archived").count(), 1);
    }

    async fn sign_out_everywhere_needs_a_session(app) {
        let res = app.call("sign_out_everywhere", &[], None).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
}
