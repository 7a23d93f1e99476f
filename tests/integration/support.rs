//! Test harness: builds the app on a fresh database and sends requests.
#![allow(dead_code)]

use axum::body::Body;
use axum::Router;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use kindred::server::clock::ManualClock;
use kindred::server::config::Config;
use kindred::server::state::AppState;
use std::sync::Arc;
use tower::ServiceExt;

/// Start of the manual clock: 2026-11-23T12:00:00Z.
pub const T0: i64 = 1_795_435_200;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The app under test.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub clock: ManualClock,
    pub backend: Backend,
}

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    /// The value of the session cookie set by this response, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.contains("kindred_session=") && !v.contains("Max-Age=0"))
            .and_then(|v| v.split(';').next())
            .map(str::to_string)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

fn random_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    format!("{}_{}_{}", std::process::id(), nanos, n)
}

/// A fresh PostgreSQL database URL, or None when no server is configured.
async fn fresh_postgres_url() -> Option<String> {
    let Ok(base) = std::env::var("TEST_DATABASE_URL") else {
        if std::env::var("KINDRED_REQUIRE_PG").is_ok_and(|v| v == "1") {
            panic!("KINDRED_REQUIRE_PG=1 but TEST_DATABASE_URL is not set");
        }
        eprintln!("skipping PostgreSQL test: TEST_DATABASE_URL not set");
        return None;
    };
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(&base)
        .await
        .expect("connect to TEST_DATABASE_URL");
    let name = format!("kindred_test_{}", random_suffix());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let (prefix, _) = base.rsplit_once('/').expect("TEST_DATABASE_URL has a path");
    Some(format!("{prefix}/{name}"))
}

impl TestApp {
    pub async fn new(backend: Backend) -> Option<Self> {
        Self::with_config(backend, |_| {}).await
    }

    pub async fn with_config(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<Self> {
        let url = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("kindred-test-{}", random_suffix()));
                std::fs::create_dir_all(&dir).expect("temp dir");
                format!("sqlite://{}/test.db", dir.display())
            }
            Backend::Postgres => fresh_postgres_url().await?,
        };
        let mut config = Config::for_database(&url);
        tweak(&mut config);
        let clock = ManualClock::new(T0);
        let state = kindred::server::cli::build_state(config, Arc::new(clock.clone()))
            .await
            .expect("build state");
        let options = leptos::config::LeptosOptions::builder()
            .output_name("kindred")
            .build();
        let router = kindred::server::router::router(state.clone(), options);
        Some(Self {
            router,
            state,
            clock,
            backend,
        })
    }

    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let mut req = Request::get(path).header("host", "kindred.test");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// Calls a server function the way the hydrated app does (form-encoded POST, JSON back).
    pub async fn call(
        &self,
        name: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> TestResponse {
        self.call_with(name, form, cookie, &[]).await
    }

    pub async fn call_with(
        &self,
        name: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
        extra_headers: &[(&str, &str)],
    ) -> TestResponse {
        let body = form_encode(form);
        let mut req = Request::post(format!("/api/{name}"))
            .header("host", "kindred.test")
            .header("content-type", "application/x-www-form-urlencoded");
        if !extra_headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("accept"))
        {
            req = req.header("accept", "application/json");
        }
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        for (k, v) in extra_headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::from(body)).expect("request"))
            .await
    }

    /// Signs in and returns the `name=value` cookie pair.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let res = self
            .call("sign_in", &[("email", email), ("password", password)], None)
            .await;
        assert!(
            res.status.is_success(),
            "sign-in failed: {} {}",
            res.status,
            res.body
        );
        res.session_cookie().expect("session cookie")
    }

    /// Who the cookie belongs to (null JSON when nobody).
    pub async fn whoami(&self, cookie: &str) -> serde_json::Value {
        let res = self.get("/api/current_user", Some(cookie)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        res.json()
    }

    /// Loads the demo accounts.
    pub async fn with_demo(self) -> Self {
        kindred::server::seed::load_demo_if_empty(&self.state)
            .await
            .expect("seed");
        self
    }
}

pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub const CLIENT: (&str, &str) = ("client@demo.kindred.care", "kindred-demo-client");
pub const FACILITATOR: (&str, &str) = ("facilitator@demo.kindred.care", "kindred-demo-staff");
pub const ADMIN: (&str, &str) = ("admin@demo.kindred.care", "kindred-demo-admin");

/// Fails a test that takes over a minute instead of letting it hang the run.
pub async fn within_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(std::time::Duration::from_secs(60), test)
        .await
        .is_err()
    {
        panic!("test took longer than 60 s (a hang?)");
    }
}

/// Runs an async test body on SQLite and on PostgreSQL.
macro_rules! both_backends {
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                #[allow(unused_imports)]
                use $crate::support::*;

                async fn run($app: $crate::support::TestApp) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = $crate::support::TestApp::new($crate::support::Backend::Sqlite)
                        .await
                        .expect("sqlite app");
                    $crate::support::within_limit(run(app)).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::support::TestApp::new($crate::support::Backend::Postgres).await {
                        $crate::support::within_limit(run(app)).await;
                    }
                }
            }
        )*
    };
}

/// A client account inserted directly (no password hashing: it cannot sign in
/// with a password; tests give it a session or call the server layer).
pub async fn insert_client(
    app: &TestApp,
    email: &str,
    name: &str,
    level: kindred::domain::role::LevelOfCare,
) -> kindred::domain::ids::UserId {
    kindred::server::repo::users::insert(
        &app.state.db,
        &kindred::server::repo::users::NewUser {
            email,
            password_hash: "not-a-hash",
            role: kindred::domain::role::Role::Client,
            preferred_name: name,
            level_of_care: Some(level),
            now: app.state.now(),
        },
    )
    .await
    .expect("insert client")
    .expect("e-mail not taken")
}
