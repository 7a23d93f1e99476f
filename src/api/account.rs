//! Signing in and out, enrolling with a code, and the current account.

use crate::domain::account::{IssuedCode, Me};
use crate::error::AppResult;
use leptos::prelude::*;

/// Who is signed in, if anyone (for the header and the account page).
#[server(endpoint = "current_user", input = leptos::server_fn::codec::GetUrl)]
pub async fn current_user() -> AppResult<Option<Me>> {
    crate::server::http::with_status(
        async {
            Ok(crate::server::auth::current_principal()?.map(|p| Me {
                preferred_name: p.preferred_name,
                email: p.email,
                role: p.role,
                level_of_care: p.level_of_care,
            }))
        }
        .await,
    )
}

/// Signs in with e-mail and password, then goes to the home page.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let previous = crate::server::auth::current_principal()?;
            let addr = crate::server::auth::client_addr_of_request()?;
            let (_, token) =
                crate::server::auth::sign_in(&state, &email, &password, &addr, previous.as_ref())
                    .await?;
            crate::server::http::append_response_header(
                http::header::SET_COOKIE,
                crate::server::auth::session_cookie(&state, Some(&token)),
            );
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// Ends this session.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            if let Some(p) = crate::server::auth::current_principal()? {
                crate::server::repo::sessions::delete(&state.db, &p.session_hash).await?;
            }
            crate::server::http::append_response_header(
                http::header::SET_COOKIE,
                crate::server::auth::session_cookie(&state, None),
            );
            leptos_axum::redirect("/sign-in?signed_out=1");
            Ok(())
        }
        .await,
    )
}

/// Ends every session of the signed-in account, on every device.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let me = crate::server::auth::require_user()?;
            let ended =
                crate::server::repo::sessions::delete_all_for_user(&state.db, me.user_id).await?;
            crate::server::repo::audit::append(
                &state.db,
                state.now(),
                Some(me.user_id),
                "auth.sign_out_everywhere",
                None,
                Some(&format!("{ended} sessions")),
            )
            .await?;
            crate::server::http::append_response_header(
                http::header::SET_COOKIE,
                crate::server::auth::session_cookie(&state, None),
            );
            leptos_axum::redirect("/sign-in?signed_out=everywhere");
            Ok(())
        }
        .await,
    )
}

/// Creates a client account with a single-use enrollment code and signs it in.
#[server(endpoint = "enroll")]
pub async fn enroll(
    code: String,
    preferred_name: String,
    email: String,
    password: String,
) -> AppResult<()> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let previous = crate::server::auth::current_principal()?;
            let (_, token) = crate::server::auth::enroll(
                &state,
                &code,
                &preferred_name,
                &email,
                &password,
                previous.as_ref(),
            )
            .await?;
            crate::server::http::append_response_header(
                http::header::SET_COOKIE,
                crate::server::auth::session_cookie(&state, Some(&token)),
            );
            leptos_axum::redirect("/?welcome=1");
            Ok(())
        }
        .await,
    )
}

/// Staff: issues a single-use enrollment code for a level of care (valid 14 days).
#[server(endpoint = "issue_enrollment_code")]
pub async fn issue_enrollment_code(level_of_care: String) -> AppResult<IssuedCode> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            let level =
                crate::domain::role::LevelOfCare::parse(&level_of_care).ok_or_else(|| {
                    crate::error::AppError::invalid("level_of_care", "Choose a level of care.")
                })?;
            let (code, _) = crate::server::auth::issue_code(&state, &staff, level, 14).await?;
            let reference = crate::server::auth::code_reference(&state, code.as_str());
            // After a plain form post the codes page shows this code on top.
            leptos_axum::redirect(&format!("/staff/codes?issued={reference}"));
            Ok(IssuedCode {
                reference,
                code: code.display(),
                level_of_care: level,
                expires_in_days: 14,
                issued_by: staff.0.preferred_name.clone(),
            })
        }
        .await,
    )
}

/// Staff: the enrollment codes that are still open, newest first. Audited.
#[server(endpoint = "list_enrollment_codes", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_enrollment_codes() -> AppResult<Vec<IssuedCode>> {
    crate::server::http::with_status(
        async {
            let state = crate::server::auth::app_state()?;
            let staff = crate::server::auth::require_staff()?;
            let now = state.now();
            let rows = crate::server::repo::enrollment::list_open(&state.db, now, 50).await?;
            crate::server::repo::audit::append(
                &state.db,
                now,
                Some(staff.0.user_id),
                "enrollment_code.listed",
                None,
                Some(&format!("{} open codes", rows.len())),
            )
            .await?;
            Ok(rows
                .into_iter()
                .filter_map(|r| {
                    let code = crate::domain::account::EnrollmentCode::parse(&r.code).ok()?;
                    Some(IssuedCode {
                        reference: crate::server::auth::code_reference(&state, code.as_str()),
                        code: code.display(),
                        level_of_care: crate::domain::role::LevelOfCare::parse(&r.level_of_care)?,
                        expires_in_days: (r.expires_at - now) / 86_400,
                        issued_by: r.issued_by,
                    })
                })
                .collect())
        }
        .await,
    )
}
