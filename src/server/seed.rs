//! The demo program loaded into an empty database with `--demo`.

use crate::domain::account::Password;
use crate::domain::role::{LevelOfCare, Role};
use crate::server::auth::hash_password;
use crate::server::repo;
use crate::server::state::AppState;

pub mod groups;

/// A demo login printed in the README and on the console.
#[derive(Clone, Copy, Debug)]
pub struct DemoLogin {
    /// E-mail to sign in with.
    pub email: &'static str,
    /// Password to sign in with.
    pub password: &'static str,
    /// Preferred name.
    pub name: &'static str,
    /// Role.
    pub role: Role,
    /// Level of care (clients).
    pub level: Option<LevelOfCare>,
}

/// The demo accounts.
pub const DEMO_LOGINS: [DemoLogin; 4] = [
    DemoLogin {
        email: "client@demo.kindred.care",
        password: "kindred-demo-client",
        name: "Maya",
        role: Role::Client,
        level: Some(LevelOfCare::Iop),
    },
    DemoLogin {
        email: "php-client@demo.kindred.care",
        password: "kindred-demo-client",
        name: "Jordan",
        role: Role::Client,
        level: Some(LevelOfCare::Php),
    },
    DemoLogin {
        email: "facilitator@demo.kindred.care",
        password: "kindred-demo-staff",
        name: "Dana Ruiz, LICSW",
        role: Role::Facilitator,
        level: None,
    },
    DemoLogin {
        email: "admin@demo.kindred.care",
        password: "kindred-demo-admin",
        name: "Sam Okafor",
        role: Role::Admin,
        level: None,
    },
];

/// Loads the demo program if the database has no accounts yet; returns whether it did.
pub async fn load_demo_if_empty(state: &AppState) -> Result<bool, crate::error::AppError> {
    if repo::users::count(&state.db).await? > 0 {
        return Ok(false);
    }
    for login in DEMO_LOGINS {
        let password = Password::parse_new(login.password)?;
        let hash = hash_password(&password).await?;
        repo::users::insert(
            &state.db,
            &repo::users::NewUser {
                email: login.email,
                password_hash: &hash,
                role: login.role,
                preferred_name: login.name,
                level_of_care: login.level,
                now: state.now(),
            },
        )
        .await?;
    }
    groups::load(state).await?;
    Ok(true)
}

/// Prints the demo logins to the console.
pub fn print_demo_logins() {
    println!("Demo logins (demo data only — never use these in a real program):");
    for l in DEMO_LOGINS {
        println!("  {:<14} {:<32} {}", l.role.label(), l.email, l.password);
    }
}

/// Benchmarks only: `count` synthetic IOP clients with live sessions. Returns
/// their session tokens (cookie values) and the ids of open IOP sessions that
/// have not reached their signup cut-off. The accounts cannot sign in: their
/// password hash is not a valid hash.
pub async fn load_bench_clients(
    state: &AppState,
    count: u32,
) -> Result<(Vec<String>, Vec<i64>), crate::error::AppError> {
    let now = state.now();
    let expires = now + i64::from(state.config.session_max_hours) * 3600;
    let start = repo::users::count(&state.db).await?;
    let mut tokens = Vec::new();
    for i in 0..count {
        let email = format!(
            "bench-client-{}@bench.kindred.invalid",
            start + i64::from(i)
        );
        let Some(user) = repo::users::insert(
            &state.db,
            &repo::users::NewUser {
                email: &email,
                password_hash: "!bench-account-cannot-sign-in",
                role: Role::Client,
                preferred_name: "Bench Client",
                level_of_care: Some(LevelOfCare::Iop),
                now,
            },
        )
        .await?
        else {
            continue;
        };
        let token = crate::server::auth::random_token();
        repo::sessions::create(
            &state.db,
            &crate::server::auth::hash_token(&token),
            user,
            now,
            expires,
        )
        .await?;
        tokens.push(token);
    }
    let cutoff = i64::from(state.config.signup_cutoff_minutes) * 60;
    let iop = i64::from(crate::domain::group::Levels::of(&[LevelOfCare::Iop]).0);
    let sessions = repo::signups::open_session_ids(&state.db, now + cutoff, iop).await?;
    Ok((tokens, sessions))
}

/// Demo only: signs the demo clients up for a few upcoming sessions so "My
/// schedule", the hours meter and staff rosters have something to show.
pub async fn load_demo_signups(state: &AppState) -> Result<(), crate::error::AppError> {
    const PLAN: [(&str, &str, usize); 3] = [
        (
            "client@demo.kindred.care",
            "dbt-skills-distress-tolerance",
            2,
        ),
        (
            "client@demo.kindred.care",
            "virtual-relapse-prevention-evening",
            2,
        ),
        (
            "php-client@demo.kindred.care",
            "morning-check-in-process-group",
            3,
        ),
    ];
    let now = state.now();
    for (email, slug, how_many) in PLAN {
        let (Some(user), Some(group)) = (
            repo::users::find_by_email(&state.db, email).await?,
            repo::groups::find_by_slug(&state.db, slug).await?,
        ) else {
            continue;
        };
        let client = crate::server::auth::Principal {
            user_id: user.user_id(),
            role: user.role(),
            level_of_care: user.level_of_care(),
            preferred_name: user.preferred_name.clone(),
            email: user.email.clone(),
            session_hash: String::new(),
        };
        let cutoff = i64::from(state.config.signup_cutoff_minutes) * 60;
        let sessions = repo::groups::sessions_after(&state.db, group.id, now + cutoff, 8).await?;
        for s in sessions
            .iter()
            .filter(|s| s.starts_at > now + cutoff && s.cancelled_at.is_none())
            .take(how_many)
        {
            crate::server::signup::sign_up(state, &client, s.id, false).await?;
        }
    }
    Ok(())
}
