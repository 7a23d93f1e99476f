//! The axum router: pages, server functions, static files and middleware.

use crate::app::{shell, App};
use crate::server::auth::session_layer;
use crate::server::http::{api_error_status, origin_check, security_headers, CspNonce};
use crate::server::state::AppState;
use crate::server::{feed, ops};
use axum::routing::get;
use axum::{middleware, Extension, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Makes the app state and this response's CSP nonce available to components
/// and server functions.
fn provide_server_context(state: &AppState) {
    provide_context(state.clone());
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(n)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(n));
    }
}

/// Builds the complete application router.
pub fn router(state: AppState, options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_server_context(&state)
    };
    let request_id = http::HeaderName::from_static("x-request-id");
    Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/sw.js", get(ops::service_worker))
        .route("/feed/groups.json", get(feed::groups_json))
        .route("/groups/{slug}/calendar.ics", get(feed::group_ics))
        .route("/me/calendar/{file}", get(feed::my_calendar_ics))
        .route("/sessions/{id}/calendar.ics", get(feed::session_ics))
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(context, shell))
        .layer(middleware::from_fn(api_error_status))
        .layer(middleware::from_fn_with_state(state.clone(), session_layer))
        .layer(middleware::from_fn(origin_check))
        .layer(middleware::from_fn_with_state(state.clone(), security_headers))
        .layer(Extension(state))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &http::Request<axum::body::Body>| {
                // Path only: query strings can hold personal data; no IP addresses.
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            }),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(options)
}
