//! The command line: `kindred serve`, `kindred migrate`, `kindred admin …`.

use crate::domain::account::{Email, Password, PreferredName};
use crate::domain::role::{LevelOfCare, Role};
use crate::server::clock::{Clock, SystemClock};
use crate::server::config::Config;
use crate::server::db::Db;
use crate::server::state::{AppState, ServerKey};
use crate::server::{repo, router, seed};
use axum::serve::ListenerExt;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "kindred",
    version,
    about = "Kindred: group therapy companion for IOP/PHP programs"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the web app (the default when no command is given).
    Serve {
        #[command(flatten)]
        config: Config,
        /// Address to listen on (default: LEPTOS_SITE_ADDR or 127.0.0.1:3000).
        #[arg(long, env = "KINDRED_ADDR")]
        addr: Option<SocketAddr>,
    },
    /// Apply database migrations and exit.
    Migrate {
        #[command(flatten)]
        config: Config,
    },
    /// Administrative tasks.
    Admin {
        #[command(flatten)]
        config: Config,
        #[command(subcommand)]
        task: AdminTask,
    },
}

#[derive(Subcommand, Debug)]
enum AdminTask {
    /// Add COUNT synthetic groups (for load tests and benchmarks; never in production).
    SeedGroups {
        /// How many groups to add.
        #[arg(long, default_value_t = 200)]
        count: u32,
    },
    /// Add COUNT synthetic IOP clients that are already signed in, and write their
    /// session cookies and the open IOP sessions to files (benchmarks only; the
    /// accounts have no usable password).
    SeedClients {
        /// How many clients to add.
        #[arg(long, default_value_t = 200)]
        count: u32,
        /// Where to write one session cookie value per line.
        #[arg(long)]
        cookies_file: std::path::PathBuf,
        /// Where to write one open IOP session id per line.
        #[arg(long)]
        sessions_file: std::path::PathBuf,
    },
    /// Create a staff account. The password is read from KINDRED_ADMIN_PASSWORD or standard input.
    Create {
        /// E-mail address to sign in with.
        #[arg(long)]
        email: String,
        /// Name shown to colleagues (e.g. "Dana Ruiz, LICSW").
        #[arg(long)]
        name: String,
        /// admin or facilitator.
        #[arg(long, default_value = "admin")]
        role: String,
    },
}

/// Error type for the command line: printed as one clear sentence.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Configuration is invalid.
    #[error(transparent)]
    Config(#[from] crate::server::config::ConfigError),
    /// Database could not be opened or migrated.
    #[error(transparent)]
    Db(#[from] crate::server::db::DbError),
    /// Something else, with a message.
    #[error("{0}")]
    Other(String),
}

impl From<crate::error::AppError> for CliError {
    fn from(e: crate::error::AppError) -> Self {
        Self::Other(e.to_string())
    }
}

impl From<sqlx::Error> for CliError {
    fn from(e: sqlx::Error) -> Self {
        Self::Other(format!("database error: {e}"))
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let json = std::env::var("KINDRED_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if json {
        builder.json().init();
    } else {
        builder.compact().init();
    }
}

/// Opens the database, applies migrations and loads the server key.
pub async fn build_state(config: Config, clock: Arc<dyn Clock>) -> Result<AppState, CliError> {
    config.validate()?;
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    repo::boards::ensure_defaults(&db, clock.now()).await?;
    let fresh: [u8; 32] = rand::random();
    let key_hex = repo::secrets::get_or_create(&db, "server_key", &hex::encode(fresh)).await?;
    let key =
        hex::decode(key_hex).map_err(|_| CliError::Other("stored server key is corrupt".into()))?;
    Ok(AppState {
        db,
        config: Arc::new(config),
        clock,
        server_key: Arc::new(ServerKey(key)),
        directory_cache: Arc::default(),
    })
}

/// The program's entry point; returns the process exit code.
pub async fn main_entry() -> i32 {
    let cli = Cli::parse();
    init_tracing();
    let result = match cli.command {
        Some(Command::Serve { config, addr }) => serve(config, addr).await,
        None => match Cli::try_parse_from(["kindred", "serve"]) {
            Ok(Cli {
                command: Some(Command::Serve { config, addr }),
            }) => serve(config, addr).await,
            _ => Err(CliError::Other("could not read configuration".into())),
        },
        Some(Command::Migrate { config }) => {
            build_state(config, Arc::new(SystemClock)).await.map(|_| {
                println!("Migrations applied.");
            })
        }
        Some(Command::Admin { config, task }) => admin(config, task).await,
    };
    match result {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("kindred: {err}");
            1
        }
    }
}

async fn admin(config: Config, task: AdminTask) -> Result<(), CliError> {
    let state = build_state(config, Arc::new(SystemClock)).await?;
    match task {
        AdminTask::SeedGroups { count } => {
            let added = seed::groups::load_synthetic(&state, count).await?;
            println!("Added {added} synthetic groups.");
            Ok(())
        }
        AdminTask::SeedClients {
            count,
            cookies_file,
            sessions_file,
        } => {
            let (cookies, sessions) = seed::load_bench_clients(&state, count).await?;
            let io = |e: std::io::Error| CliError::Other(format!("could not write: {e}"));
            std::fs::write(&cookies_file, cookies.join("\n") + "\n").map_err(io)?;
            let ids: Vec<String> = sessions.iter().map(i64::to_string).collect();
            std::fs::write(&sessions_file, ids.join("\n") + "\n").map_err(io)?;
            println!(
                "Added {} signed-in clients; {} open IOP sessions.",
                cookies.len(),
                sessions.len()
            );
            Ok(())
        }
        AdminTask::Create { email, name, role } => {
            let role = match Role::parse(&role) {
                Some(r) if r.is_staff() => r,
                _ => {
                    return Err(CliError::Other(
                        "--role must be admin or facilitator".into(),
                    ))
                }
            };
            let email = Email::parse(&email)?;
            let name = PreferredName::parse(&name)?;
            let password = match std::env::var("KINDRED_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("Password for {} (at least 10 characters):", email.as_str());
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line).map_err(|e| {
                        CliError::Other(format!("could not read the password: {e}"))
                    })?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let password = Password::parse_new(&password)?;
            let hash = crate::server::auth::hash_password(&password).await?;
            let created = repo::users::insert(
                &state.db,
                &repo::users::NewUser {
                    email: email.as_str(),
                    password_hash: &hash,
                    role,
                    preferred_name: name.as_str(),
                    level_of_care: None::<LevelOfCare>,
                    now: state.now(),
                },
            )
            .await?;
            match created {
                Some(id) => {
                    repo::audit::append(
                        &state.db,
                        state.now(),
                        None,
                        "account.staff_created",
                        Some(&id.0.to_string()),
                        Some(role.as_str()),
                    )
                    .await?;
                    println!("Created {} account for {}.", role.label(), email.as_str());
                    Ok(())
                }
                None => Err(CliError::Other(format!(
                    "an account for {} already exists",
                    email.as_str()
                ))),
            }
        }
    }
}

async fn serve(config: Config, addr: Option<SocketAddr>) -> Result<(), CliError> {
    let demo = config.demo;
    let state = build_state(config, Arc::new(SystemClock)).await?;
    let demo_loaded = demo && seed::load_demo_if_empty(&state).await?;
    if demo {
        seed::print_demo_logins();
    }
    crate::server::directory::sync_all(&state, "The program's schedule changed").await?;
    if demo_loaded {
        seed::load_demo_signups(&state).await?;
        tracing::info!("loaded the demo program");
    }
    let conf = leptos::config::get_configuration(None)
        .map_err(|e| CliError::Other(format!("Leptos configuration: {e}")))?;
    let mut options = conf.leptos_options;
    if options.output_name.is_empty() {
        options.output_name = "kindred".into();
    }
    let addr = addr.unwrap_or(options.site_addr);
    let app = router::router(state.clone(), options);
    let jobs = tokio::spawn(background_jobs(state.clone()));
    let offers = tokio::spawn(offer_expiry(state.clone()));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| CliError::Other(format!("cannot listen on {addr}: {e}")))?
        // Without TCP_NODELAY a response written in two segments (headers, then a
        // streamed body) waits ~40 ms for the peer's delayed ACK.
        .tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!(error = %e, "could not set TCP_NODELAY");
            }
        });
    println!("Kindred is listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| CliError::Other(format!("server error: {e}")))?;
    jobs.abort();
    offers.abort();
    state.db.close().await;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Every 15 s: unanswered seat offers past their deadline expire and pass to
/// the next person waiting, also while nobody is using the app.
async fn offer_expiry(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(15));
    loop {
        tick.tick().await;
        match crate::server::signup::expire_offers(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "seat offers expired and passed on"),
            Err(e) => tracing::warn!(error = %e, "offer expiry failed"),
        }
    }
}

/// Periodic housekeeping: removes expired sessions and keeps the rolling
/// horizon of group sessions filled.
async fn background_jobs(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    let mut last_sync_day = None;
    loop {
        tick.tick().await;
        let today = state.now() / 86_400;
        if last_sync_day != Some(today) {
            match crate::server::directory::sync_all(&state, "The program's schedule changed").await
            {
                Ok(()) => last_sync_day = Some(today),
                Err(e) => tracing::warn!(error = %e, "session generation failed"),
            }
        }
        let now = state.now();
        let longest_idle = i64::from(
            state
                .config
                .client_idle_minutes
                .max(state.config.staff_idle_minutes),
        ) * 60;
        if let Err(e) = repo::sessions::purge_expired(&state.db, now, now - longest_idle).await {
            tracing::warn!(error = %e, "session purge failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}
