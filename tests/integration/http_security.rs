//! Security headers, the cross-site check, error bodies, plain form posts,
//! operational endpoints and public pages.

use http::StatusCode;

fn assert_security_headers(res: &crate::support::TestResponse, what: &str) {
    let csp = res
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("'nonce-"),
        "{what}: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(
        res.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(res.header("x-frame-options"), Some("DENY"), "{what}");
    assert!(res.header("referrer-policy").is_some(), "{what}");
    assert!(res.header("x-request-id").is_some(), "{what}: request id");
}

const LEAK_MARKERS: &[&str] = &[
    "sqlx",
    "SELECT",
    "INSERT",
    "panicked",
    "sqlite",
    "postgres",
    "stack backtrace",
    "src/",
];

both_backends! {
    async fn headers_are_on_pages_server_functions_and_errors(app) {
        let app = app.with_demo().await;
        let page = app.get("/", None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_security_headers(&page, "html page");
        assert_eq!(page.header("cache-control"), Some("no-store"));

        let api = app.get("/api/current_user", None).await;
        assert_security_headers(&api, "server function");
        assert_eq!(api.header("cache-control"), Some("no-store"));

        let missing = app.get("/no-such-page", None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("Page not found"));
        assert_security_headers(&missing, "404 page");

        let forbidden = app.get("/api/list_enrollment_codes", None).await;
        assert_eq!(forbidden.status, StatusCode::UNAUTHORIZED);
        assert_security_headers(&forbidden, "error response");
    }

    async fn gated_pages_answer_with_their_prompt_not_an_error_status(app) {
        let app = app.with_demo().await;
        let staff_pages = ["/staff/codes", "/staff/closures", "/staff/moderation", "/staff/sessions/1", "/staff/today", "/staff/groups/new"];
        for path in ["/", "/me/schedule", "/boards", "/boards/iop", "/boards/threads/1"].iter().chain(&staff_pages) {
            let page = app.get(path, None).await;
            assert_eq!(page.status, StatusCode::OK, "{path} for a visitor");
            if *path != "/" {
                assert!(page.body.contains("Please sign in"), "{path} asks a visitor to sign in");
            }
        }
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        let forbidden = kindred::error::AppError::Forbidden.to_string();
        for path in staff_pages {
            let page = app.get(path, Some(&client)).await;
            assert_eq!(page.status, StatusCode::OK, "{path} for a client");
            assert!(page.body.contains(&forbidden), "{path} tells a client it is for staff");
        }
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let page = app.get("/me/schedule", Some(&staff)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Staff don&#x27;t have a personal schedule") || page.body.contains("Staff don't have a personal schedule"));
    }

    async fn csp_nonce_matches_the_scripts_and_changes_per_response(app) {
        let a = app.get("/", None).await;
        let b = app.get("/", None).await;
        let nonce = |r: &crate::support::TestResponse| {
            let csp = r.header("content-security-policy").unwrap();
            csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string()
        };
        let na = nonce(&a);
        assert_ne!(na, nonce(&b), "a fresh nonce per response");
        assert!(a.body.contains(&format!("nonce=\"{na}\"")), "hydration scripts carry the header's nonce");
        assert!(!a.body.contains("<script>"), "no inline script without a nonce");
    }

    async fn cross_site_state_changes_are_refused(app) {
        let app = app.with_demo().await;
        let form = [("email", CLIENT.0), ("password", CLIENT.1)];
        let res = app.call_with("sign_in", &form, None, &[("origin", "https://evil.example")]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!(res.json()["code"], "cross_site_request");
        assert!(res.session_cookie().is_none());
        let res = app.call_with("sign_in", &form, None, &[("sec-fetch-site", "cross-site")]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = app
            .call_with("sign_in", &form, None, &[("origin", "http://kindred.test"), ("sec-fetch-site", "same-origin")])
            .await;
        assert_eq!(res.status, StatusCode::OK, "same-origin passes: {}", res.body);
    }

    async fn error_bodies_never_carry_internal_detail(app) {
        let app = app.with_demo().await;
        let responses = [
            app.call("sign_in", &[("email", "x")], None).await,
            app.call("sign_in", &[("email", "'; DROP TABLE users; --@x.org"), ("password", "' OR 1=1 --")], None).await,
            app.call("enroll", &[("code", "ZZZZ-ZZZZ"), ("preferred_name", "A"), ("email", "a@b.org"), ("password", "a long passphrase")], None).await,
            app.call("no_such_function", &[], None).await,
            app.get("/api/list_enrollment_codes", None).await,
        ];
        for res in responses {
            assert!(!res.status.is_success(), "{}", res.body);
            for marker in LEAK_MARKERS {
                assert!(!res.body.contains(marker), "{marker} leaked in {}: {}", res.status, res.body);
            }
        }
        assert_eq!(kindred::server::repo::users::count(&app.state.db).await.unwrap(), 4);
    }

    async fn plain_form_posts_redirect_back_with_the_error_or_onwards(app) {
        let app = app.with_demo().await;
        let headers = [("accept", "text/html,application/xhtml+xml"), ("referer", "http://kindred.test/sign-in")];
        let bad = app.call_with("sign_in", &[("email", CLIENT.0), ("password", "wrong wrong")], None, &headers).await;
        assert_eq!(bad.status, StatusCode::FOUND);
        let location = bad.header("location").unwrap().to_string();
        assert!(location.starts_with("http://kindred.test/sign-in?") && location.contains("__err="), "{location}");
        // The page the browser is sent back to shows the error.
        let path = location.trim_start_matches("http://kindred.test");
        let page = app.get(path, None).await;
        assert!(page.body.contains("Email or password is incorrect."), "{}", page.body);

        let good = app.call_with("sign_in", &[("email", CLIENT.0), ("password", CLIENT.1)], None, &headers).await;
        assert_eq!(good.status, StatusCode::FOUND);
        assert_eq!(good.header("location"), Some("/"));
        let cookie = good.session_cookie().unwrap();
        let home = app.get("/", Some(&cookie)).await;
        assert!(home.body.contains("Hi, Maya"), "{}", home.body);
    }

    async fn health_and_readiness(app) {
        assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
        let ready = app.get("/readyz", None).await;
        assert_eq!(ready.status, StatusCode::OK);
        assert_eq!(ready.body, "ready");
    }

    async fn crisis_page_needs_no_sign_in_and_has_every_line(app) {
        let res = app.get("/crisis", None).await;
        assert_eq!(res.status, StatusCode::OK);
        for needle in ["Need help now?", "tel:988", "sms:988", "741741", "tel:911", "1-800-662-4357", "tel:+15550100100"] {
            assert!(res.body.contains(needle), "crisis page lacks {needle}");
        }
    }

    async fn every_page_links_to_the_crisis_page(app) {
        let app = app.with_demo().await;
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        for path in ["/", "/sign-in", "/enroll", "/account", "/crisis", "/offline", "/staff/codes", "/no-such-page"] {
            for cookie in [None, Some(client.as_str())] {
                let res = app.get(path, cookie).await;
                assert!(res.body.contains("href=\"/crisis\""), "{path} lacks the crisis link");
                assert!(res.body.contains("Skip to main content"), "{path} lacks the skip link");
            }
        }
    }

    async fn personal_pages_show_only_your_own_account(app) {
        let app = app.with_demo().await;
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        let res = app.get("/account", Some(&client)).await;
        assert!(res.body.contains(CLIENT.0));
        assert!(!res.body.contains("php-client@demo.kindred.care"));
        let res = app.get("/staff/codes", Some(&client)).await;
        assert!(res.body.contains("doesn&#x27;t have access") || res.body.contains("doesn't have access"), "{}", res.body);
    }

    async fn service_worker_lists_versioned_assets_and_never_personal_routes(app) {
        let res = app.get("/sw.js", None).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.header("content-type").unwrap().contains("javascript"));
        assert!(res.body.starts_with("const KINDRED_VERSION = "));
        let precache = res.body.lines().nth(1).unwrap();
        assert!(precache.contains("/pkg/kindred") && precache.contains(".wasm"), "{precache}");
        for personal in ["/api", "/account", "/me", "/staff"] {
            assert!(!precache.contains(personal), "{precache}");
        }
    }
}
