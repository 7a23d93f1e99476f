//! Sessions: cookie attributes, rotation, idle and absolute timeouts, sign-out.

use http::StatusCode;

both_backends! {
    async fn cookie_is_http_only_lax_and_host_scoped(app) {
        let app = app.with_demo().await;
        let res = app.call("sign_in", &[("email", CLIENT.0), ("password", CLIENT.1)], None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let set_cookie = res.header("set-cookie").expect("set-cookie").to_string();
        assert!(set_cookie.starts_with("kindred_session="), "{set_cookie}");
        for attr in ["Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=43200"] {
            assert!(set_cookie.contains(attr), "missing {attr}: {set_cookie}");
        }
        assert!(!set_cookie.contains("Domain="), "host-only cookie: {set_cookie}");
        assert!(!set_cookie.contains("Secure"), "plain-HTTP default is not Secure: {set_cookie}");
        assert_eq!(app.whoami(&res.session_cookie().unwrap()).await["preferred_name"], "Maya");
    }

    async fn session_id_rotates_at_sign_in(app) {
        let app = app.with_demo().await;
        let first = app.sign_in(CLIENT.0, CLIENT.1).await;
        let res = app
            .call("sign_in", &[("email", FACILITATOR.0), ("password", FACILITATOR.1)], Some(&first))
            .await;
        let second = res.session_cookie().expect("new cookie");
        assert_ne!(first, second, "a new session id is issued at sign-in");
        assert_eq!(app.whoami(&first).await, serde_json::Value::Null, "old session ended");
        assert_eq!(app.whoami(&second).await["role"], "facilitator");
    }

    async fn idle_timeout_is_15_minutes_for_clients_and_10_for_staff(app) {
        let app = app.with_demo().await;
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        app.clock.advance(9 * 60);
        assert_eq!(app.whoami(&client).await["preferred_name"], "Maya");
        assert_eq!(app.whoami(&staff).await["role"], "facilitator");
        // Activity at 9 minutes resets the idle timer for both.
        app.clock.advance(10 * 60 + 1);
        assert_eq!(app.whoami(&staff).await, serde_json::Value::Null, "staff idle > 10 min");
        assert_eq!(app.whoami(&client).await["preferred_name"], "Maya", "client idle 10 min is fine");
        app.clock.advance(15 * 60);
        assert_eq!(app.whoami(&client).await, serde_json::Value::Null, "client idle >= 15 min");
    }

    async fn absolute_lifetime_is_12_hours_however_active(app) {
        let app = app.with_demo().await;
        let cookie = app.sign_in(CLIENT.0, CLIENT.1).await;
        for _ in 0..(12 * 6 - 1) {
            app.clock.advance(10 * 60);
            assert_eq!(app.whoami(&cookie).await["preferred_name"], "Maya");
        }
        app.clock.advance(10 * 60);
        assert_eq!(app.whoami(&cookie).await, serde_json::Value::Null, "ended at 12 h");
    }

    async fn expired_cookie_is_cleared(app) {
        let app = app.with_demo().await;
        let cookie = app.sign_in(CLIENT.0, CLIENT.1).await;
        app.clock.advance(16 * 60);
        let res = app.get("/api/current_user", Some(&cookie)).await;
        let set_cookie = res.header("set-cookie").unwrap_or_default();
        assert!(set_cookie.contains("kindred_session=;") && set_cookie.contains("Max-Age=0"), "{set_cookie}");
    }

    async fn sign_out_ends_only_this_session(app) {
        let app = app.with_demo().await;
        let phone = app.sign_in(CLIENT.0, CLIENT.1).await;
        let laptop = app.sign_in(CLIENT.0, CLIENT.1).await;
        let res = app.call("sign_out", &[], Some(&phone)).await;
        assert!(res.status.is_success(), "{}", res.body);
        assert_eq!(app.whoami(&phone).await, serde_json::Value::Null);
        assert_eq!(app.whoami(&laptop).await["preferred_name"], "Maya");
    }

    async fn sign_out_everywhere_ends_every_session(app) {
        let app = app.with_demo().await;
        let phone = app.sign_in(CLIENT.0, CLIENT.1).await;
        let laptop = app.sign_in(CLIENT.0, CLIENT.1).await;
        let other = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let res = app.call("sign_out_everywhere", &[], Some(&phone)).await;
        assert!(res.status.is_success(), "{}", res.body);
        assert_eq!(app.whoami(&phone).await, serde_json::Value::Null);
        assert_eq!(app.whoami(&laptop).await, serde_json::Value::Null);
        assert_eq!(app.whoami(&other).await["role"], "facilitator", "other people unaffected");
        let audit = kindred::server::repo::audit::recent(&app.state.db, 10).await.unwrap();
        assert!(audit.iter().any(|a| a.action == "auth.sign_out_everywhere"));
    }

    async fn session_tokens_are_stored_hashed(app) {
        let app = app.with_demo().await;
        let cookie = app.sign_in(CLIENT.0, CLIENT.1).await;
        let token = cookie.split_once('=').unwrap().1.to_string();
        assert!(kindred::server::repo::sessions::find(&app.state.db, &token).await.unwrap().is_none());
    }
}

mod secure_cookies {
    use super::*;
    use crate::support::*;

    #[tokio::test]
    async fn tls_deployments_get_host_prefixed_secure_cookies_and_hsts() {
        let app = TestApp::with_config(Backend::Sqlite, |c| c.secure_cookies = true)
            .await
            .unwrap()
            .with_demo()
            .await;
        let res = app
            .call(
                "sign_in",
                &[("email", CLIENT.0), ("password", CLIENT.1)],
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let set_cookie = res.header("set-cookie").unwrap();
        assert!(
            set_cookie.starts_with("__Host-kindred_session="),
            "{set_cookie}"
        );
        assert!(set_cookie.contains("; Secure"), "{set_cookie}");
        assert!(set_cookie.contains("Path=/") && !set_cookie.contains("Domain="));
        assert!(res
            .header("strict-transport-security")
            .unwrap()
            .contains("max-age="));
    }
}
