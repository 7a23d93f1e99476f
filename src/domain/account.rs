//! Account input parsed at the boundary: e-mail, password, preferred name and
//! enrollment codes. Each constructor either returns a valid value or a field
//! error with a sentence a person can act on.

use crate::domain::role::{LevelOfCare, Role};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Shortest password accepted; long passphrases beat complex short passwords.
pub const MIN_PASSWORD_LEN: usize = 10;
/// Longest password accepted (hashing cost guard).
pub const MAX_PASSWORD_LEN: usize = 128;
/// Longest preferred name accepted.
pub const MAX_NAME_LEN: usize = 40;

/// A normalised (trimmed, lower-cased) e-mail address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Parses an e-mail address typed by a person.
    pub fn parse(input: &str) -> Result<Self, AppError> {
        let s = input.trim().to_lowercase();
        let field = "email";
        if s.is_empty() {
            return Err(AppError::invalid(field, "Enter your email address."));
        }
        if s.len() > 254 || s.chars().any(char::is_whitespace) {
            return Err(AppError::invalid(
                field,
                "Enter a valid email address, like name@example.org.",
            ));
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(AppError::invalid(
                field,
                "Enter a valid email address, like name@example.org.",
            ));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !domain.contains("..");
        if local.is_empty() || !domain_ok {
            return Err(AppError::invalid(
                field,
                "Enter a valid email address, like name@example.org.",
            ));
        }
        Ok(Self(s))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the length rules. Never serialised.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Checks a new password against the length rules.
    pub fn parse_new(input: &str) -> Result<Self, AppError> {
        let n = input.chars().count();
        if n < MIN_PASSWORD_LEN {
            return Err(AppError::invalid(
                "password",
                format!("Use at least {MIN_PASSWORD_LEN} characters. A short phrase is easy to remember."),
            ));
        }
        if n > MAX_PASSWORD_LEN {
            return Err(AppError::invalid(
                "password",
                format!("Use at most {MAX_PASSWORD_LEN} characters."),
            ));
        }
        Ok(Self(input.to_string()))
    }

    /// Wraps a password typed at sign-in (only emptiness and size are checked).
    pub fn parse_attempt(input: &str) -> Result<Self, AppError> {
        if input.is_empty() {
            return Err(AppError::invalid("password", "Enter your password."));
        }
        if input.chars().count() > MAX_PASSWORD_LEN {
            return Err(AppError::BadCredentials);
        }
        Ok(Self(input.to_string()))
    }

    /// The secret text, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The name a person wants to be called; no last name required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferredName(String);

impl PreferredName {
    /// Parses a preferred name: trimmed, 1 to 40 characters, no control characters.
    pub fn parse(input: &str) -> Result<Self, AppError> {
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(AppError::invalid(
                "preferred_name",
                "Enter the name you'd like us to use.",
            ));
        }
        if s.chars().count() > MAX_NAME_LEN {
            return Err(AppError::invalid(
                "preferred_name",
                format!("Use at most {MAX_NAME_LEN} characters."),
            ));
        }
        if s.chars().any(|c| c.is_control() || c == '<' || c == '>') {
            return Err(AppError::invalid(
                "preferred_name",
                "Use letters, spaces and simple punctuation.",
            ));
        }
        Ok(Self(s))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Characters used in enrollment codes: no 0/O, 1/I/L, so they read aloud well.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Number of characters in an enrollment code (shown as two groups of four).
pub const CODE_LEN: usize = 8;

/// A single-use enrollment code, normalised to upper case without separators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnrollmentCode(String);

impl EnrollmentCode {
    /// Parses a code typed by a person ("abcd-2345", "ABCD 2345" …).
    pub fn parse(input: &str) -> Result<Self, AppError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if s.is_empty() {
            return Err(AppError::invalid(
                "code",
                "Enter the enrollment code your program gave you.",
            ));
        }
        if s.len() != CODE_LEN || !s.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
            return Err(AppError::invalid(
                "code",
                "Enrollment codes look like ABCD-2345 (8 letters and numbers).",
            ));
        }
        Ok(Self(s))
    }

    /// Builds a code from random bytes (server side generation).
    pub fn from_random(bytes: &[u8; CODE_LEN]) -> Self {
        let s = bytes
            .iter()
            .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
            .collect();
        Self(s)
    }

    /// The normalised code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as people read it: ABCD-2345.
    pub fn display(&self) -> String {
        let (a, b) = self.0.split_at(CODE_LEN / 2);
        format!("{a}-{b}")
    }
}

/// The signed-in person as they see themselves (never sent about anyone else).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// The name they chose.
    pub preferred_name: String,
    /// Their e-mail address.
    pub email: String,
    /// Their role.
    pub role: Role,
    /// Their level of care (clients only).
    pub level_of_care: Option<LevelOfCare>,
}

impl Me {
    /// Whether this person is staff.
    pub fn is_staff(&self) -> bool {
        self.role.is_staff()
    }
}

/// An open enrollment code as staff see it (clients never do).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCode {
    /// The code as people read it (ABCD-2345).
    pub code: String,
    /// The level of care it enrolls into.
    pub level_of_care: LevelOfCare,
    /// Whole days until it stops working (0 = expires today).
    pub expires_in_days: i64,
    /// The staff member who issued it.
    pub issued_by: String,
    /// A reference to this code that reveals nothing of it (a keyed hash),
    /// so the codes page can point at the one just issued without putting
    /// the code in a URL.
    pub reference: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Maya@Example.ORG ").map(|e| e.as_str().to_string()),
            Ok("maya@example.org".to_string())
        );
        for bad in [
            "",
            "maya",
            "maya@",
            "@example.org",
            "maya@example",
            "a b@example.org",
            "m@.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn passwords_need_ten_characters_and_are_not_printed() {
        assert!(Password::parse_new("short").is_err());
        assert!(Password::parse_new("long enough phrase").is_ok());
        assert!(Password::parse_new(&"x".repeat(129)).is_err());
        let p = Password::parse_new("long enough phrase").unwrap_or_else(|_| unreachable!());
        assert_eq!(format!("{p:?}"), "Password(***)");
    }

    #[test]
    fn preferred_names_are_trimmed_and_bounded() {
        assert_eq!(
            PreferredName::parse("  Maya   R. ").map(|n| n.as_str().to_string()),
            Ok("Maya R.".to_string())
        );
        assert!(PreferredName::parse("   ").is_err());
        assert!(PreferredName::parse(&"a".repeat(41)).is_err());
        assert!(PreferredName::parse("<script>").is_err());
    }

    #[test]
    fn enrollment_codes_accept_friendly_spellings() {
        let code = EnrollmentCode::parse("abcd-2345").unwrap_or_else(|_| unreachable!());
        assert_eq!(code.as_str(), "ABCD2345");
        assert_eq!(code.display(), "ABCD-2345");
        assert_eq!(EnrollmentCode::parse(" ABCD 2345 "), Ok(code));
        assert!(
            EnrollmentCode::parse("ABCD-O000").is_err(),
            "ambiguous letters are refused"
        );
        assert!(EnrollmentCode::parse("ABC").is_err());
        let random = EnrollmentCode::from_random(&[0, 1, 2, 3, 250, 251, 252, 253]);
        assert!(EnrollmentCode::parse(random.as_str()).is_ok());
    }
}
