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
