//! Sign-in answers, throttling, and enrollment codes.

use http::StatusCode;

both_backends! {
    async fn unknown_and_known_accounts_get_the_same_answer(app) {
        let app = app.with_demo().await;
        let known = app.call("sign_in", &[("email", CLIENT.0), ("password", "wrong password!")], None).await;
        let unknown = app.call("sign_in", &[("email", "nobody@example.org"), ("password", "wrong password!")], None).await;
        assert_eq!(known.status, StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.status, known.status);
        assert_eq!(unknown.body, known.body);
        assert_eq!(known.json()["code"], "bad_credentials");
        assert!(known.session_cookie().is_none());
    }

    async fn repeated_failures_are_throttled_per_account_without_lockout(app) {
        let app = app.with_demo().await;
        for _ in 0..5 {
            let res = app.call("sign_in", &[("email", CLIENT.0), ("password", "not the password")], None).await;
            assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
        }
        let res = app.call("sign_in", &[("email", CLIENT.0), ("password", "not the password")], None).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
        assert_eq!(res.json()["code"], "too_many_attempts");
        let wait = res.json()["retry_after_secs"].as_u64().unwrap();
        assert!(wait > 0 && wait <= 300, "{wait}");
        // The right password is refused too while the wait lasts …
        let res = app.call("sign_in", &[("email", CLIENT.0), ("password", CLIENT.1)], None).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
        // … and works once it is over: no hard lock-out.
        app.clock.advance(i64::try_from(wait).unwrap());
        let res = app.call("sign_in", &[("email", CLIENT.0), ("password", CLIENT.1)], None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // Other accounts were never affected.
        let res = app.call("sign_in", &[("email", ADMIN.0), ("password", ADMIN.1)], None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }

    async fn enrollment_code_enrolls_exactly_once(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let res = app.call("issue_enrollment_code", &[("level_of_care", "php")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let code = res.json()["code"].as_str().unwrap().to_string();
        assert_eq!(code.len(), 9, "ABCD-2345: {code}");

        let form = [("code", code.as_str()), ("preferred_name", "Riley"), ("email", "riley@example.org"), ("password", "a long passphrase")];
        let res = app.call("enroll", &form, None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let cookie = res.session_cookie().unwrap();
        let me = app.whoami(&cookie).await;
        assert_eq!(me["preferred_name"], "Riley");
        assert_eq!(me["role"], "client");
        assert_eq!(me["level_of_care"], "php", "the code sets the level of care");

        let again = [("code", code.as_str()), ("preferred_name", "Sky"), ("email", "sky@example.org"), ("password", "a long passphrase")];
        let res = app.call("enroll", &again, None).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(res.json()["code"], "enrollment_code_invalid");
        assert!(kindred::server::repo::users::find_by_email(&app.state.db, "sky@example.org").await.unwrap().is_none());
    }

    async fn racing_enrollments_with_one_code_create_one_account(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(ADMIN.0, ADMIN.1).await;
        let code = app.call("issue_enrollment_code", &[("level_of_care", "iop")], Some(&staff)).await.json()["code"]
            .as_str()
            .unwrap()
            .to_string();
        let app = std::sync::Arc::new(app);
        let mut tasks = Vec::new();
        for i in 0..10 {
            let app = app.clone();
            let code = code.clone();
            tasks.push(tokio::spawn(async move {
                let email = format!("racer{i}@example.org");
                let form = [("code", code.as_str()), ("preferred_name", "Racer"), ("email", email.as_str()), ("password", "a long passphrase")];
                app.call("enroll", &form, None).await.status
            }));
        }
        let mut ok = 0;
        for t in tasks {
            if t.await.unwrap() == StatusCode::OK {
                ok += 1;
            }
        }
        assert_eq!(ok, 1, "exactly one enrollment wins");
    }

    async fn expired_codes_do_not_work(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(ADMIN.0, ADMIN.1).await;
        let code = app.call("issue_enrollment_code", &[("level_of_care", "alumni")], Some(&staff)).await.json()["code"]
            .as_str()
            .unwrap()
            .to_string();
        app.clock.advance(15 * 86_400);
        let form = [("code", code.as_str()), ("preferred_name", "Late"), ("email", "late@example.org"), ("password", "a long passphrase")];
        let res = app.call("enroll", &form, None).await;
        assert_eq!(res.json()["code"], "enrollment_code_invalid", "{}", res.body);
    }

    async fn invalid_enrollment_input_is_rejected_field_by_field(app) {
        let app = app.with_demo().await;
        let cases = [
            (("", "Riley", "riley@example.org", "a long passphrase"), "code"),
            (("ABCD-2345", "", "riley@example.org", "a long passphrase"), "preferred_name"),
            (("ABCD-2345", "Riley", "not-an-email", "a long passphrase"), "email"),
            (("ABCD-2345", "Riley", "riley@example.org", "short"), "password"),
        ];
        for ((code, name, email, password), field) in cases {
            let form = [("code", code), ("preferred_name", name), ("email", email), ("password", password)];
            let res = app.call("enroll", &form, None).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {}", res.body);
            assert_eq!(res.json()["field"], field, "{}", res.body);
        }
        assert_eq!(kindred::server::repo::users::count(&app.state.db).await.unwrap(), 4, "nothing was saved");
    }

    async fn staff_see_open_codes_and_the_view_is_audited(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let code = app.call("issue_enrollment_code", &[("level_of_care", "family")], Some(&staff)).await.json()["code"]
            .as_str()
            .unwrap()
            .to_string();
        let res = app.get("/api/list_enrollment_codes", Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let list = res.json();
        assert_eq!(list[0]["code"], code.as_str());
        assert_eq!(list[0]["issued_by"], "Dana Ruiz, LICSW");
        let audit = kindred::server::repo::audit::recent(&app.state.db, 5).await.unwrap();
        assert_eq!(audit[0].action, "enrollment_code.listed");
        assert!(audit[0].actor_id.is_some());
    }

    async fn audit_log_is_append_only(app) {
        let app = app.with_demo().await;
        let _ = app.sign_in(CLIENT.0, CLIENT.1).await;
        let db = &app.state.db;
        let update = kindred::on_writer!(db, |pool| sqlx::query("UPDATE audit_log SET action = 'x'").execute(pool).await.map(|_| ()));
        assert!(update.is_err(), "UPDATE must be refused");
        let delete = kindred::on_writer!(db, |pool| sqlx::query("DELETE FROM audit_log").execute(pool).await.map(|_| ()));
        assert!(delete.is_err(), "DELETE must be refused");
        assert!(!kindred::server::repo::audit::recent(db, 1).await.unwrap().is_empty());
    }
}

mod per_address {
    use crate::support::*;
    use http::StatusCode;

    #[tokio::test]
    async fn failures_from_one_address_are_throttled_across_accounts() {
        let app = TestApp::with_config(Backend::Sqlite, |c| c.trust_proxy = true)
            .await
            .unwrap()
            .with_demo()
            .await;
        for i in 0..kindred::server::auth::FREE_ATTEMPTS_PER_ADDRESS {
            let email = format!("guess{i}@example.org");
            let res = app
                .call_with(
                    "sign_in",
                    &[("email", &email), ("password", "guess guess")],
                    None,
                    &[("x-forwarded-for", "203.0.113.9")],
                )
                .await;
            assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        }
        let res = app
            .call_with(
                "sign_in",
                &[
                    ("email", "guess-last@example.org"),
                    ("password", "guess guess"),
                ],
                None,
                &[("x-forwarded-for", "203.0.113.9")],
            )
            .await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
        let res = app
            .call_with(
                "sign_in",
                &[("email", CLIENT.0), ("password", CLIENT.1)],
                None,
                &[("x-forwarded-for", "198.51.100.7")],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "another address is unaffected: {}",
            res.body
        );
    }
}
