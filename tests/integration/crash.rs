//! Crash safety: the real server binary is killed with SIGKILL in the middle of
//! a signup load and restarted. Every signup that got a success answer must be
//! in the database, seat counts must agree, and SQLite's integrity check must pass.

use kindred::server::clock::SystemClock;
use kindred::server::config::Config;
use kindred::server::repo::signups;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_server(url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kindred"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kindred serve")
}

/// One HTTP/1.1 request on a fresh connection; returns the status code (0 if the connection failed).
async fn http(port: u16, method: &str, path: &str, cookie: Option<&str>, body: &str) -> u16 {
    let Ok(mut tcp) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return 0;
    };
    let cookie = cookie
        .map(|c| format!("Cookie: kindred_session={c}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n{cookie}Content-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    if tcp.write_all(req.as_bytes()).await.is_err() {
        return 0;
    }
    let mut buf = Vec::new();
    if tcp.read_to_end(&mut buf).await.is_err() {
        return 0;
    }
    String::from_utf8_lossy(&buf)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

async fn wait_ready(port: u16) {
    for _ in 0..300 {
        if http(port, "GET", "/readyz", None, "").await == 200 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not become ready");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signups_survive_sigkill_and_the_database_stays_intact() {
    crate::support::within_limit(async {
        let dir = std::env::temp_dir().join(format!("kindred-crash-{}", free_port()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}/crash.db", dir.display());

        // Set-up: one IOP group with sessions, 400 signed-in clients.
        let state =
            kindred::server::cli::build_state(Config::for_database(&url), Arc::new(SystemClock))
                .await
                .unwrap();
        kindred::server::seed::groups::load(&state).await.unwrap();
        let (cookies, sessions) = kindred::server::seed::load_bench_clients(&state, 400)
            .await
            .unwrap();
        let session = sessions[sessions.len() / 2];
        state.db.close().await;

        let port = free_port();
        let mut server = start_server(&url, port);
        wait_ready(port).await;

        // Load: every client signs up for the same session; kill the server mid-way.
        let confirmed_ok: Arc<Mutex<Vec<String>>> = Arc::default();
        let answered = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for cookie in cookies.clone() {
            let (ok, answered) = (confirmed_ok.clone(), answered.clone());
            tasks.push(tokio::spawn(async move {
                let body = format!("session_id={session}");
                let status = http(
                    port,
                    "POST",
                    "/api/sign_up_for_session",
                    Some(&cookie),
                    &body,
                )
                .await;
                if status == 200 {
                    ok.lock().unwrap().push(cookie);
                }
                answered.fetch_add(1, Ordering::SeqCst);
            }));
        }
        while answered.load(Ordering::SeqCst) < 60 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill().expect("SIGKILL");
        server.wait().unwrap();
        for t in tasks {
            t.await.unwrap();
        }
        let succeeded = confirmed_ok.lock().unwrap().clone();
        eprintln!(
            "crash test: {} of {} signups answered 200 before SIGKILL",
            succeeded.len(),
            cookies.len()
        );
        assert!(
            succeeded.len() >= 20,
            "load was running when killed ({} successes)",
            succeeded.len()
        );
        assert!(succeeded.len() < cookies.len(), "the kill landed mid-load");

        // Restart: the server comes back on the same file.
        let mut server = start_server(&url, port);
        wait_ready(port).await;
        server.kill().unwrap();
        server.wait().unwrap();

        let state =
            kindred::server::cli::build_state(Config::for_database(&url), Arc::new(SystemClock))
                .await
                .unwrap();
        for cookie in &succeeded {
            let hash = kindred::server::auth::hash_token(cookie);
            let user = kindred::server::repo::sessions::find(&state.db, &hash)
                .await
                .unwrap()
                .expect("session")
                .user
                .id;
            let row = signups::find_for(&state.db, session, user).await.unwrap();
            assert!(
                row.is_some_and(|r| r.status().is_active()),
                "a signup that was answered 200 is missing"
            );
        }
        let (confirmed, offered, waitlisted, taken, capacity) =
            signups::seat_counts(&state.db, session).await.unwrap();
        assert_eq!(confirmed + offered, taken);
        assert!(taken <= capacity);
        assert!(confirmed + waitlisted >= i64::try_from(succeeded.len()).unwrap());
        let check = state.db.integrity_check().await.unwrap();
        assert_eq!(check, "ok");
        state.db.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}
