//! One error vocabulary for the whole app: stable codes that travel from the
//! server to the browser, mapped to HTTP status codes and shown to people as
//! plain sentences. Internal causes are logged on the server, never sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One field's problem, with a sentence a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name.
    pub field: String,
    /// What to change.
    pub reason: String,
}

/// Every error a person or a caller of a server function can see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    /// No valid session: sign in first.
    NotSignedIn,
    /// Signed in, but this role may not do this.
    Forbidden,
    /// The thing asked for does not exist (or is not visible to this person).
    NotFound,
    /// Sign-in refused; the same answer for unknown and known accounts.
    BadCredentials,
    /// Too many attempts; try again after this many seconds.
    TooManyAttempts {
        /// Seconds until another attempt is allowed.
        retry_after_secs: u64,
    },
    /// One field of the input is not acceptable.
    Invalid {
        /// The form field's name.
        field: String,
        /// A sentence a person can act on.
        reason: String,
    },
    /// Several fields of a form are not acceptable; nothing was saved.
    InvalidFields {
        /// One entry per field, in form order.
        fields: Vec<FieldError>,
    },
    /// The enrollment code is unknown, used or expired.
    EnrollmentCodeInvalid,
    /// An account with this e-mail address already exists.
    EmailTaken,
    /// The request came from another site and was refused.
    CrossSiteRequest,
    /// A rule of the program refuses this (signup closed, wrong level of care …).
    Refused {
        /// A sentence saying why, and what the person can do instead.
        reason: String,
    },
    /// Something failed on the server; details are in the server log only.
    Internal,
    /// A transport-level failure (network down, bad response).
    Transport {
        /// A short description for the person.
        message: String,
    },
}

impl AppError {
    /// Shorthand for a field validation error.
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.to_string(),
            reason: reason.into(),
        }
    }

    /// Shorthand for a refusal by a program rule.
    pub fn refused(reason: impl Into<String>) -> Self {
        Self::Refused {
            reason: reason.into(),
        }
    }

    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotSignedIn => "not_signed_in",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::BadCredentials => "bad_credentials",
            Self::TooManyAttempts { .. } => "too_many_attempts",
            Self::Invalid { .. } => "invalid",
            Self::InvalidFields { .. } => "invalid_fields",
            Self::EnrollmentCodeInvalid => "enrollment_code_invalid",
            Self::EmailTaken => "email_taken",
            Self::CrossSiteRequest => "cross_site_request",
            Self::Refused { .. } => "refused",
            Self::Internal => "internal",
            Self::Transport { .. } => "transport",
        }
    }

    /// The HTTP status code this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotSignedIn => 401,
            Self::Forbidden | Self::CrossSiteRequest => 403,
            Self::NotFound => 404,
            Self::BadCredentials => 401,
            Self::TooManyAttempts { .. } => 429,
            Self::Invalid { .. } | Self::InvalidFields { .. } | Self::EnrollmentCodeInvalid => 422,
            Self::EmailTaken | Self::Refused { .. } => 409,
            Self::Internal | Self::Transport { .. } => 500,
        }
    }

    /// The field this error is about, if it is about exactly one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Whether this error is about one or more form fields.
    pub fn is_about_fields(&self) -> bool {
        matches!(self, Self::Invalid { .. } | Self::InvalidFields { .. })
    }

    /// The sentence for field `name`, if this error is about it.
    pub fn reason_for(&self, name: &str) -> Option<String> {
        match self {
            Self::Invalid { field, reason } if field == name => Some(reason.clone()),
            Self::InvalidFields { fields } => fields
                .iter()
                .find(|f| f.field == name)
                .map(|f| f.reason.clone()),
            _ => None,
        }
    }

    /// Gathers field errors: `Ok` when there are none.
    pub fn collect(errors: Vec<AppError>) -> Result<(), AppError> {
        let fields: Vec<FieldError> = errors
            .into_iter()
            .filter_map(|e| match e {
                Self::Invalid { field, reason } => Some(FieldError { field, reason }),
                _ => None,
            })
            .collect();
        if fields.is_empty() {
            Ok(())
        } else {
            Err(Self::InvalidFields { fields })
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotSignedIn => write!(f, "Please sign in to continue."),
            Self::Forbidden => write!(f, "Your account doesn't have access to this."),
            Self::NotFound => write!(f, "We couldn't find that."),
            Self::BadCredentials => write!(f, "Email or password is incorrect."),
            Self::TooManyAttempts { retry_after_secs } => write!(
                f,
                "Too many attempts. Please try again in {retry_after_secs} seconds."
            ),
            Self::Invalid { reason, .. } => write!(f, "{reason}"),
            Self::InvalidFields { fields } => write!(
                f,
                "Please check {} — nothing was saved yet.",
                if fields.len() == 1 {
                    "the highlighted field".to_string()
                } else {
                    format!("the {} highlighted fields", fields.len())
                }
            ),
            Self::EnrollmentCodeInvalid => write!(
                f,
                "That enrollment code isn't valid. It may have been used already or expired — \
                 ask your program for a new one."
            ),
            Self::EmailTaken => write!(
                f,
                "An account with this email already exists. Try signing in instead."
            ),
            Self::CrossSiteRequest => {
                write!(f, "This request came from another site and was refused.")
            }
            Self::Internal => write!(
                f,
                "Something went wrong on our side. Nothing was changed — please try again."
            ),
            Self::Transport { message } => write!(f, "{message}"),
            Self::Refused { reason } => write!(f, "{reason}"),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::Invalid {
                field: "form".into(),
                reason: "Some of the form's fields are missing or not in the right format.".into(),
            },
            ServerFnErrorErr::Request(_) => Self::Transport {
                message: "We couldn't reach Kindred. Check your connection and try again.".into(),
            },
            _ => Self::Internal,
        }
    }
}

/// Result type used by every server function.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_round_trip_as_json_with_stable_codes() {
        let e = AppError::TooManyAttempts {
            retry_after_secs: 30,
        };
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert!(json.contains("\"code\":\"too_many_attempts\""), "{json}");
        let back: AppError = serde_json::from_str(&json).unwrap_or(AppError::Internal);
        assert_eq!(back, e);
        assert_eq!(e.status(), 429);
    }

    #[test]
    fn messages_are_sentences_without_internal_detail() {
        assert_eq!(
            AppError::BadCredentials.to_string(),
            "Email or password is incorrect."
        );
        assert!(AppError::Internal
            .to_string()
            .contains("Nothing was changed"));
    }
}
