//! Public facts about the program (name, crisis line).

use crate::error::AppResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What every visitor may know about the program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramDetails {
    /// The program's name.
    pub name: String,
    /// The program's own phone line, as configured.
    pub phone: String,
}

/// The program's public facts; callable without signing in.
#[server(endpoint = "program_info", input = leptos::server_fn::codec::GetUrl)]
pub async fn program_info() -> AppResult<ProgramDetails> {
    let state = crate::server::auth::app_state()?;
    Ok(ProgramDetails {
        name: state.config.program_name.clone(),
        phone: state.config.program_phone.clone(),
    })
}
