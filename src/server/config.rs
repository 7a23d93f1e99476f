//! Server configuration from environment variables and command-line flags,
//! validated at start with clear messages.

use clap::builder::BoolishValueParser;
use clap::Args;

/// Settings shared by every command that touches the database or serves pages.
#[derive(Args, Clone, Debug)]
pub struct Config {
    /// Database to use: sqlite://path/to/file.db or postgres://user@host/db.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/kindred.db")]
    pub database_url: String,

    /// The program's name, shown in the header and on the crisis page.
    #[arg(
        long,
        env = "KINDRED_PROGRAM_NAME",
        default_value = "Kindred Demo Program"
    )]
    pub program_name: String,

    /// The program's own phone line for clients in distress (shown on the crisis page).
    #[arg(long, env = "KINDRED_PROGRAM_PHONE", default_value = "+1-555-010-0100")]
    pub program_phone: String,

    /// Minutes of inactivity after which a client's session ends.
    #[arg(long, env = "KINDRED_CLIENT_IDLE_MINUTES", default_value_t = 15)]
    pub client_idle_minutes: u32,

    /// Minutes of inactivity after which a staff member's session ends.
    #[arg(long, env = "KINDRED_STAFF_IDLE_MINUTES", default_value_t = 10)]
    pub staff_idle_minutes: u32,

    /// Hours after sign-in at which any session ends, however active.
    #[arg(long, env = "KINDRED_SESSION_MAX_HOURS", default_value_t = 12)]
    pub session_max_hours: u32,

    /// Set when Kindred is served over HTTPS: Secure `__Host-` cookies and HSTS.
    #[arg(long, env = "KINDRED_SECURE_COOKIES", value_parser = BoolishValueParser::new())]
    pub secure_cookies: bool,

    /// Trust the first address in X-Forwarded-For (only behind your own proxy).
    #[arg(long, env = "KINDRED_TRUST_PROXY", value_parser = BoolishValueParser::new())]
    pub trust_proxy: bool,

    /// The program's IANA time zone; schedules are in local time there.
    #[arg(long, env = "KINDRED_TIME_ZONE", default_value = "America/New_York")]
    pub time_zone: String,

    /// Show the group directory only to signed-in people (it is public by default).
    #[arg(long, env = "KINDRED_DIRECTORY_MEMBERS_ONLY", value_parser = BoolishValueParser::new())]
    pub directory_members_only: bool,

    /// Minutes before a session starts when signup (and waitlist offers) close.
    #[arg(long, env = "KINDRED_SIGNUP_CUTOFF_MINUTES", default_value_t = 60)]
    pub signup_cutoff_minutes: u32,

    /// Minutes a freed seat is held for the next person on the waitlist.
    #[arg(long, env = "KINDRED_OFFER_MINUTES", default_value_t = 120)]
    pub offer_minutes: u32,

    /// Hours before start inside which a cancellation is recorded as late.
    #[arg(long, env = "KINDRED_LATE_CANCEL_HOURS", default_value_t = 24)]
    pub late_cancel_hours: u32,

    /// Weekly program hours for clients in IOP.
    #[arg(long, env = "KINDRED_IOP_WEEKLY_HOURS", default_value_t = 9)]
    pub iop_weekly_hours: u32,

    /// Days a week with groups for clients in IOP.
    #[arg(long, env = "KINDRED_IOP_WEEKLY_DAYS", default_value_t = 3)]
    pub iop_weekly_days: u32,

    /// Weekly program hours for clients in PHP.
    #[arg(long, env = "KINDRED_PHP_WEEKLY_HOURS", default_value_t = 20)]
    pub php_weekly_hours: u32,

    /// Days a week with groups for clients in PHP.
    #[arg(long, env = "KINDRED_PHP_WEEKLY_DAYS", default_value_t = 5)]
    pub php_weekly_days: u32,

    /// Load the demo program (groups, staff and client logins) into an empty database.
    #[arg(long, env = "KINDRED_DEMO", value_parser = BoolishValueParser::new())]
    pub demo: bool,
}

/// A configuration value that cannot work.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Checks the values that clap cannot check by type alone.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let url = self.database_url.as_str();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres:")
            || url.starts_with("postgresql:"))
        {
            return Err(ConfigError(format!(
                "DATABASE_URL must start with sqlite:// or postgres:// (got {:?})",
                url.split(':').next().unwrap_or_default()
            )));
        }
        if !(1..=240).contains(&self.client_idle_minutes) {
            return Err(ConfigError(
                "KINDRED_CLIENT_IDLE_MINUTES must be between 1 and 240".into(),
            ));
        }
        if !(1..=240).contains(&self.staff_idle_minutes) {
            return Err(ConfigError(
                "KINDRED_STAFF_IDLE_MINUTES must be between 1 and 240".into(),
            ));
        }
        if !(1..=72).contains(&self.session_max_hours) {
            return Err(ConfigError(
                "KINDRED_SESSION_MAX_HOURS must be between 1 and 72".into(),
            ));
        }
        if self.signup_cutoff_minutes > 7 * 24 * 60 {
            return Err(ConfigError(
                "KINDRED_SIGNUP_CUTOFF_MINUTES must be at most 10080 (a week)".into(),
            ));
        }
        if !(5..=7 * 24 * 60).contains(&self.offer_minutes) {
            return Err(ConfigError(
                "KINDRED_OFFER_MINUTES must be between 5 and 10080".into(),
            ));
        }
        if self.late_cancel_hours > 168 {
            return Err(ConfigError(
                "KINDRED_LATE_CANCEL_HOURS must be at most 168".into(),
            ));
        }
        if self.iop_weekly_hours > 60 || self.php_weekly_hours > 60 {
            return Err(ConfigError(
                "weekly program hours must be at most 60".into(),
            ));
        }
        if self.iop_weekly_days > 7 || self.php_weekly_days > 7 {
            return Err(ConfigError("weekly program days must be at most 7".into()));
        }
        if self.program_name.trim().is_empty() {
            return Err(ConfigError("KINDRED_PROGRAM_NAME must not be empty".into()));
        }
        if !self.program_phone.chars().any(|c| c.is_ascii_digit()) {
            return Err(ConfigError(
                "KINDRED_PROGRAM_PHONE must be a phone number".into(),
            ));
        }
        if jiff::tz::TimeZone::get(&self.time_zone).is_err() {
            return Err(ConfigError(format!(
                "KINDRED_TIME_ZONE must be an IANA time zone like America/New_York (got {:?})",
                self.time_zone
            )));
        }
        Ok(())
    }

    /// A configuration for tests and tools: in-memory defaults for `database_url`.
    pub fn for_database(database_url: &str) -> Self {
        Self {
            database_url: database_url.to_string(),
            program_name: "Kindred Test Program".into(),
            program_phone: "+1-555-010-0100".into(),
            client_idle_minutes: 15,
            staff_idle_minutes: 10,
            session_max_hours: 12,
            secure_cookies: false,
            trust_proxy: false,
            demo: false,
            time_zone: "America/New_York".into(),
            directory_members_only: false,
            signup_cutoff_minutes: 60,
            offer_minutes: 120,
            late_cancel_hours: 24,
            iop_weekly_hours: 9,
            iop_weekly_days: 3,
            php_weekly_hours: 20,
            php_weekly_days: 5,
        }
    }

    /// The name of the session cookie: `__Host-` prefixed when served over TLS.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-kindred_session"
        } else {
            "kindred_session"
        }
    }
}
