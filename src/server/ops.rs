//! Operational endpoints: liveness, readiness and the service worker script.

use crate::server::state::AppState;
use axum::extract::{Extension, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use leptos::config::LeptosOptions;

/// `/healthz`: the process is up.
pub async fn healthz() -> impl IntoResponse {
    (StatusCode::OK, "ok")
}

/// `/readyz`: the database answers.
pub async fn readyz(Extension(state): Extension<AppState>) -> impl IntoResponse {
    if state.db.ping().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}

/// The hashed file names of this build's front-end assets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetNames {
    /// A build identifier (changes with every deployment that changes assets).
    pub version: String,
    /// URLs of the JS, WebAssembly and CSS files.
    pub urls: Vec<String>,
}

/// Reads `hash.txt` (written by cargo-leptos next to the server binary) to learn
/// the hashed asset names; without hashing, the plain names are used.
pub fn asset_names(options: &LeptosOptions) -> AssetNames {
    let pkg = format!("/{}", options.site_pkg_dir);
    let name = options.output_name.to_string();
    let mut js = String::new();
    let mut wasm = String::new();
    let mut css = String::new();
    if options.hash_files {
        let path = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(|d| d.join(options.hash_file.as_ref())));
        if let Some(text) = path.and_then(|p| std::fs::read_to_string(p).ok()) {
            for line in text.lines() {
                if let Some((kind, hash)) = line.split_once(':') {
                    let hash = hash.trim();
                    match kind.trim() {
                        "js" => js = format!(".{hash}"),
                        "wasm" => wasm = format!(".{hash}"),
                        "css" => css = format!(".{hash}"),
                        _ => {}
                    }
                }
            }
        }
    }
    let version = format!("{js}{wasm}{css}");
    AssetNames {
        version: if version.is_empty() {
            "dev".into()
        } else {
            version.trim_start_matches('.').into()
        },
        urls: vec![
            format!("{pkg}/{name}{css}.css"),
            format!("{pkg}/{name}{js}.js"),
            // wasm-bindgen names it `{name}_bg.wasm`; with hashing cargo-leptos renames it
            // `{name}.{hash}.wasm` (the names Leptos's hydration script loads).
            if wasm.is_empty() {
                format!("{pkg}/{name}_bg.wasm")
            } else {
                format!("{pkg}/{name}{wasm}.wasm")
            },
        ],
    }
}

/// `/sw.js`: the service worker, prefixed with this build's version and the
/// list of static assets to precache, so a new deployment replaces old caches.
pub async fn service_worker(State(options): State<LeptosOptions>) -> impl IntoResponse {
    let names = asset_names(&options);
    let mut precache = names.urls.clone();
    precache.extend([
        "/manifest.webmanifest".to_string(),
        "/icons/icon-192.png".to_string(),
    ]);
    let list = serde_json::to_string(&precache).unwrap_or_else(|_| "[]".into());
    let version = serde_json::to_string(&names.version).unwrap_or_else(|_| "\"dev\"".into());
    let body = format!(
        "const KINDRED_VERSION = {version};\nconst KINDRED_PRECACHE = {list};\n{}",
        include_str!("../../public/sw.js")
    );
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}
