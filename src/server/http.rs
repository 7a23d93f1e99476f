//! HTTP middleware: security headers (CSP with a per-response nonce), the
//! cross-site request check, cache rules and request ids.

use crate::error::AppError;
use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use http::header::{self, HeaderName, HeaderValue};
use http::{Method, StatusCode};

/// Request extension: the CSP nonce of this response, shared with Leptos so
/// that its hydration scripts carry the same value as the header.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The Content-Security-Policy for a response with `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

fn static_value(v: &'static str) -> HeaderValue {
    HeaderValue::from_static(v)
}

/// Middleware: adds the security headers to every response and decides caching.
/// Hashed assets under `/pkg/` are immutable; everything else is `no-store`,
/// since pages show who is signed in.
pub async fn security_headers(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let bytes: [u8; 18] = rand::random();
    let nonce = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    let success = res.status().is_success();
    let h = res.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, static_value("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, static_value("DENY"));
    // same-origin (not no-referrer): plain form posts without JavaScript are
    // redirected back to the page they came from, which needs the Referer;
    // other sites still never learn which Kindred page linked to them.
    h.insert(header::REFERRER_POLICY, static_value("same-origin"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        static_value("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        static_value("same-origin"),
    );
    if state.config.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            static_value("max-age=63072000; includeSubDomains"),
        );
    }
    let immutable = path.starts_with("/pkg/") && success;
    if immutable {
        h.insert(
            header::CACHE_CONTROL,
            static_value("public, max-age=31536000, immutable"),
        );
    } else if path.starts_with("/icons/")
        || path == "/manifest.webmanifest"
        || path == "/robots.txt"
    {
        h.insert(header::CACHE_CONTROL, static_value("public, max-age=3600"));
    } else {
        h.insert(header::CACHE_CONTROL, static_value("no-store"));
    }
    res
}

/// Whether a state-changing request comes from this site. Browsers send
/// `Sec-Fetch-Site` and/or `Origin` on cross-site requests; requests without
/// either (curl, server-to-server) are not browser-forged and pass.
pub fn is_same_site(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return false;
        }
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or_default();
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .unwrap_or("");
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

/// Middleware: refuses cross-site state-changing requests (Leptos server
/// functions do no origin check of their own).
pub async fn origin_check(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_site(&req) {
        return next.run(req).await;
    }
    tracing::warn!(path = %req.uri().path(), "refused cross-site request");
    let body = serde_json::to_string(&AppError::CrossSiteRequest).unwrap_or_default();
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Gives a server function's error its HTTP status. Plain HTML form posts
/// (no JavaScript) keep the redirect back to the form, which shows the error.
pub fn with_status<T>(result: crate::error::AppResult<T>) -> crate::error::AppResult<T> {
    if let Err(err) = &result {
        let is_form_post =
            leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
                p.headers
                    .get(header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("text/html"))
            });
        if !is_form_post {
            if let (Some(opts), Ok(status)) = (
                leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
                StatusCode::from_u16(err.status()),
            ) {
                opts.set_status(status);
            }
        }
    }
    result
}

/// Adds a header to the current server function's or page's response.
pub fn append_response_header(name: HeaderName, value: HeaderValue) {
    if let Some(opts) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        opts.append_header(name, value);
    }
}

/// Middleware: gives server-function errors raised by the framework itself
/// (malformed arguments, for example) the status of their [`AppError`] code
/// instead of a blanket 500. Errors from our own code already have it.
pub async fn api_error_status(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(err.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// After a plain form post about one board post, goes back to the page the
/// form was on, scrolled to that post, with `flag=1` added to the query (for
/// a confirmation).
pub fn back_to_post(post_id: i64, flag: Option<&str>) {
    let flags: Vec<(&str, &str)> = flag.map(|f| (f, "1")).into_iter().collect();
    back_with(&flags, &format!("#post-{post_id}"));
}

/// After a plain form post, goes back to the page the form was on with
/// `flags` added to its query and `fragment` (e.g. `#post-3`, or empty), so
/// that page can confirm what happened. One-off flags of earlier posts are
/// dropped. Without a usable same-site Referer the default (back to the
/// Referer) applies. (An island's `ActionForm` follows the same redirect.)
pub fn back_with(flags: &[(&str, &str)], fragment: &str) {
    const ONE_OFF: [&str; 7] = [
        "reported", "crisis", "done", "overlap", "posted", "__err", "__path",
    ];
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else {
        return;
    };
    let Some(uri) = parts
        .headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.parse::<http::Uri>().ok())
    else {
        return;
    };
    let path = uri.path();
    // Only a local path: never "//host" (another site).
    if !path.starts_with('/') || path.starts_with("//") || path.contains('\\') {
        return;
    }
    let mut query: Vec<String> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !ONE_OFF.contains(&p.split('=').next().unwrap_or("")))
        .map(str::to_string)
        .collect();
    query.extend(flags.iter().map(|(k, v)| format!("{k}={v}")));
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    };
    leptos_axum::redirect(&format!("{path}{query}{fragment}"));
}
