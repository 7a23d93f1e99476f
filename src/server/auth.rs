//! Sessions, sign-in and the typed principal every server function asks for.
//!
//! A session is a random 256-bit token in an HttpOnly cookie; the database keeps
//! only its SHA-256. Sessions end after an idle time that depends on the role
//! and after an absolute lifetime, and a new token is issued at every sign-in.

use crate::domain::account::{Email, EnrollmentCode, Password, PreferredName};
use crate::domain::ids::UserId;
use crate::domain::role::{LevelOfCare, Role};
use crate::error::{AppError, AppResult};
use crate::server::repo;
use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;
use http::header::{COOKIE, SET_COOKIE};
use http::HeaderValue;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

/// Failed attempts allowed per account before waits begin.
pub const FREE_ATTEMPTS: i64 = 5;
/// Failed attempts allowed per address before waits begin: higher, because a
/// clinic's clients and staff may share one address.
pub const FREE_ATTEMPTS_PER_ADDRESS: i64 = 20;
/// Failures older than this are forgotten (seconds).
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
/// The first wait after the free attempts (seconds); it doubles per failure.
pub const BASE_WAIT_SECS: i64 = 15;
/// The longest wait (seconds): waits grow but never lock anyone out for long.
pub const MAX_WAIT_SECS: i64 = 300;
/// Activity is written to the database at most this often (seconds).
const TOUCH_EVERY_SECS: i64 = 60;

/// The signed-in person, as established by the session middleware.
#[derive(Clone, Debug)]
pub struct Principal {
    /// Their account id.
    pub user_id: UserId,
    /// Their role.
    pub role: Role,
    /// Their level of care (clients).
    pub level_of_care: Option<LevelOfCare>,
    /// Their preferred name.
    pub preferred_name: String,
    /// Their e-mail address.
    pub email: String,
    /// Hash of the current session token.
    pub session_hash: String,
}

/// A staff member (facilitator or admin); only [`require_staff`] makes one.
#[derive(Clone, Debug)]
pub struct Staff(pub Principal);

/// Request extension: the session found for this request, if any.
#[derive(Clone, Debug, Default)]
pub struct CurrentSession(pub Option<Principal>);

/// Request extension: the client's address (for throttling only; never stored in clear).
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

/// SHA-256 of a secret token, as hex (what the database keeps).
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random secret (256 bits, URL-safe).
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Builds the Set-Cookie value for a session token (or a clearing cookie when `None`).
pub fn session_cookie(state: &AppState, token: Option<&str>) -> HeaderValue {
    let name = state.config.session_cookie_name();
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let value = match token {
        Some(t) => format!(
            "{name}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            i64::from(state.config.session_max_hours) * 3600
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn idle_limit_secs(state: &AppState, role: Role) -> i64 {
    let minutes = if role.is_staff() {
        state.config.staff_idle_minutes
    } else {
        state.config.client_idle_minutes
    };
    i64::from(minutes) * 60
}

/// Middleware: resolves the session cookie into a [`CurrentSession`], ends idle or
/// expired sessions, records activity, and notes the client's address.
pub async fn session_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let addr = client_addr(&state, &req);
    req.extensions_mut().insert(ClientAddr(addr));

    let cookie = cookie_value(req.headers(), state.config.session_cookie_name());
    let mut clear_cookie = false;
    let mut principal = None;
    if let Some(token) = cookie.filter(|t| !t.is_empty()) {
        let id_hash = hash_token(&token);
        match resolve_session(&state, &id_hash).await {
            Ok(Some(p)) => principal = Some(p),
            Ok(None) => clear_cookie = true,
            Err(err) => tracing::error!(error = %err, "session lookup failed"),
        }
    }
    req.extensions_mut().insert(CurrentSession(principal));
    let mut res = next.run(req).await;
    if clear_cookie && !res.headers().contains_key(SET_COOKIE) {
        res.headers_mut()
            .append(SET_COOKIE, session_cookie(&state, None));
    }
    res
}

async fn resolve_session(
    state: &AppState,
    id_hash: &str,
) -> Result<Option<Principal>, sqlx::Error> {
    let Some(row) = repo::sessions::find(&state.db, id_hash).await? else {
        return Ok(None);
    };
    let now = state.now();
    let role = row.user.role();
    let idle = now - row.last_seen_at;
    if now >= row.expires_at
        || idle >= idle_limit_secs(state, role)
        || row.user.disabled_at.is_some()
    {
        repo::sessions::delete(&state.db, id_hash).await?;
        return Ok(None);
    }
    if idle >= TOUCH_EVERY_SECS {
        repo::sessions::touch(&state.db, id_hash, now).await?;
    }
    Ok(Some(Principal {
        user_id: row.user.user_id(),
        role,
        level_of_care: row.user.level_of_care(),
        preferred_name: row.user.preferred_name.clone(),
        email: row.user.email.clone(),
        session_hash: row.id_hash,
    }))
}

fn client_addr(state: &AppState, req: &Request) -> String {
    if state.config.trust_proxy {
        if let Some(first) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return first.trim().to_string();
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// The application state, from the server function's context.
pub fn app_state() -> AppResult<AppState> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

fn request_parts() -> AppResult<http::request::Parts> {
    leptos::prelude::use_context::<http::request::Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from context");
        AppError::Internal
    })
}

/// The signed-in person, or `None` for a visitor.
pub fn current_principal() -> AppResult<Option<Principal>> {
    let parts = request_parts()?;
    Ok(parts
        .extensions
        .get::<CurrentSession>()
        .and_then(|s| s.0.clone()))
}

/// The signed-in person, or `NotSignedIn`.
pub fn require_user() -> AppResult<Principal> {
    current_principal()?.ok_or(AppError::NotSignedIn)
}

/// A signed-in staff member, or `NotSignedIn` / `Forbidden`.
pub fn require_staff() -> AppResult<Staff> {
    let p = require_user()?;
    if p.role.is_staff() {
        Ok(Staff(p))
    } else {
        Err(AppError::Forbidden)
    }
}

/// A signed-in admin, or `NotSignedIn` / `Forbidden`.
pub fn require_admin() -> AppResult<Staff> {
    let staff = require_staff()?;
    if staff.0.role == Role::Admin {
        Ok(staff)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The directory is public unless configured members-only: then a sign-in is needed.
pub fn require_directory_access(state: &AppState, viewer: Option<&Principal>) -> AppResult<()> {
    if state.config.directory_members_only && viewer.is_none() {
        return Err(AppError::NotSignedIn);
    }
    Ok(())
}

/// Hashes a password with Argon2id off the async runtime.
pub async fn hash_password(password: &Password) -> AppResult<String> {
    let pw = password.expose().to_string();
    tokio::task::spawn_blocking(move || password_auth::generate_hash(pw))
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "hashing task failed");
            AppError::Internal
        })
}

async fn verify_password(password: &Password, hash: Option<String>) -> bool {
    // Unknown accounts are checked against a real hash of a random password, so
    // both answers cost one Argon2id verification and take as long.
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let known = hash.is_some();
    let pw = password.expose().to_string();
    let ok = tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| {
            DUMMY
                .get_or_init(|| password_auth::generate_hash(random_token()))
                .clone()
        });
        password_auth::verify_password(pw, &hash).is_ok()
    })
    .await
    .unwrap_or(false);
    ok && known
}

/// Seconds until `failures` allow another attempt at `now` (0 = allowed now),
/// when `free` failures are allowed before waits begin.
pub fn throttle_wait(failures: Option<repo::throttle::Failures>, free: i64, now: i64) -> i64 {
    let Some(f) = failures else { return 0 };
    if f.first_failure_at < now - THROTTLE_WINDOW_SECS || f.failures < free {
        return 0;
    }
    let extra = u32::try_from((f.failures - free).clamp(0, 16)).unwrap_or(16);
    let wait = (BASE_WAIT_SECS << extra).min(MAX_WAIT_SECS);
    (f.last_failure_at + wait - now).max(0)
}

fn throttle_keys(state: &AppState, email: &str, addr: &str) -> [String; 2] {
    [
        format!("acct:{}", state.server_key.keyed_hash(&["acct", email])),
        format!("addr:{}", state.server_key.keyed_hash(&["addr", addr])),
    ]
}

/// Starts a new session for `user` and returns the cookie token. Any session the
/// browser already had is ended first (rotation at sign-in).
pub async fn start_session(
    state: &AppState,
    user: UserId,
    previous: Option<&Principal>,
) -> AppResult<String> {
    if let Some(prev) = previous {
        repo::sessions::delete(&state.db, &prev.session_hash).await?;
    }
    let token = random_token();
    let now = state.now();
    let expires = now + i64::from(state.config.session_max_hours) * 3600;
    repo::sessions::create(&state.db, &hash_token(&token), user, now, expires).await?;
    Ok(token)
}

/// Checks e-mail and password with throttling; on success starts a session and
/// returns `(user, token)`.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    addr: &str,
    previous: Option<&Principal>,
) -> AppResult<(UserId, String)> {
    let email = Email::parse(email)?;
    let password = Password::parse_attempt(password)?;
    let now = state.now();
    let keys = throttle_keys(state, email.as_str(), addr);
    let mut wait = 0;
    for (key, free) in keys.iter().zip([FREE_ATTEMPTS, FREE_ATTEMPTS_PER_ADDRESS]) {
        wait = wait.max(throttle_wait(
            repo::throttle::get(&state.db, key).await?,
            free,
            now,
        ));
    }
    if wait > 0 {
        return Err(AppError::TooManyAttempts {
            retry_after_secs: u64::try_from(wait).unwrap_or(1),
        });
    }
    let user = repo::users::find_by_email(&state.db, email.as_str()).await?;
    let usable = user.as_ref().filter(|u| u.disabled_at.is_none());
    let ok = verify_password(&password, usable.map(|u| u.password_hash.clone())).await;
    let Some(user) = usable.filter(|_| ok) else {
        for key in &keys {
            repo::throttle::record_failure(&state.db, key, now, now - THROTTLE_WINDOW_SECS).await?;
        }
        return Err(AppError::BadCredentials);
    };
    repo::throttle::clear(&state.db, &keys[0]).await?;
    let token = start_session(state, user.user_id(), previous).await?;
    repo::audit::append(
        &state.db,
        now,
        Some(user.user_id()),
        "auth.sign_in",
        None,
        None,
    )
    .await?;
    Ok((user.user_id(), token))
}

/// Creates a client account from an enrollment code and signs it in.
pub async fn enroll(
    state: &AppState,
    code: &str,
    preferred_name: &str,
    email: &str,
    password: &str,
    previous: Option<&Principal>,
) -> AppResult<(UserId, String)> {
    let code = EnrollmentCode::parse(code)?;
    let name = PreferredName::parse(preferred_name)?;
    let email = Email::parse(email)?;
    let password = Password::parse_new(password)?;
    let hash = hash_password(&password).await?;
    let now = state.now();
    let code_hash = state.server_key.keyed_hash(&["enroll", code.as_str()]);
    match repo::enrollment::redeem(
        &state.db,
        &code_hash,
        email.as_str(),
        &hash,
        name.as_str(),
        now,
    )
    .await?
    {
        repo::enrollment::Redeemed::Created(user, level) => {
            repo::audit::append(
                &state.db,
                now,
                Some(user),
                "account.enrolled",
                None,
                Some(level.as_str()),
            )
            .await?;
            let token = start_session(state, user, previous).await?;
            Ok((user, token))
        }
        repo::enrollment::Redeemed::CodeInvalid => Err(AppError::EnrollmentCodeInvalid),
        repo::enrollment::Redeemed::EmailTaken => Err(AppError::EmailTaken),
    }
}

/// A non-secret reference to an enrollment code (16 hex digits of a keyed hash).
pub fn code_reference(state: &AppState, code: &str) -> String {
    let mut hash = state.server_key.keyed_hash(&["enroll-ref", code]);
    hash.truncate(16);
    hash
}

/// Issues a new enrollment code for `level`, valid for `valid_days` days.
pub async fn issue_code(
    state: &AppState,
    staff: &Staff,
    level: LevelOfCare,
    valid_days: i64,
) -> AppResult<(EnrollmentCode, i64)> {
    let bytes: [u8; crate::domain::account::CODE_LEN] = rand::random();
    let code = EnrollmentCode::from_random(&bytes);
    let now = state.now();
    let expires = now + valid_days * 86_400;
    let code_hash = state.server_key.keyed_hash(&["enroll", code.as_str()]);
    repo::enrollment::insert(
        &state.db,
        code.as_str(),
        &code_hash,
        level,
        staff.0.user_id,
        now,
        expires,
    )
    .await?;
    repo::audit::append(
        &state.db,
        now,
        Some(staff.0.user_id),
        "enrollment_code.issued",
        None,
        Some(level.as_str()),
    )
    .await?;
    Ok((code, expires))
}

/// The client's address noted by [`session_layer`] for this request.
pub fn client_addr_of_request() -> AppResult<String> {
    let parts = request_parts()?;
    Ok(parts
        .extensions
        .get::<ClientAddr>()
        .map(|a| a.0.clone())
        .unwrap_or_else(|| "unknown".into()))
}
