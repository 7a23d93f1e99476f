//! The `kindred` binary: parses the command line and runs the server.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    std::process::exit(kindred::server::main_entry().await);
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser build is a library loaded by the page; this binary is server-only.
}
