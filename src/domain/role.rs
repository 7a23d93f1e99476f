//! Roles and levels of care.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a person may do in Kindred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A person in treatment (PHP, IOP, alumni or family member).
    Client,
    /// A clinician who runs groups.
    Facilitator,
    /// A program administrator.
    Admin,
}

impl Role {
    /// The stable text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Client => "client",
            Self::Facilitator => "facilitator",
            Self::Admin => "admin",
        }
    }

    /// Parses the stored text.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "client" => Some(Self::Client),
            "facilitator" => Some(Self::Facilitator),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }

    /// Facilitators and admins are staff.
    pub fn is_staff(self) -> bool {
        matches!(self, Self::Facilitator | Self::Admin)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Client => "Client",
            Self::Facilitator => "Facilitator",
            Self::Admin => "Program admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The level of care a client is in; it decides which groups they may join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelOfCare {
    /// Partial Hospitalization Program.
    Php,
    /// Intensive Outpatient Program.
    Iop,
    /// Alumni after discharge.
    Alumni,
    /// Family members of clients.
    Family,
}

impl LevelOfCare {
    /// Every level, in the order of the continuum of care.
    pub const ALL: [LevelOfCare; 4] = [Self::Php, Self::Iop, Self::Alumni, Self::Family];

    /// The stable text stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Php => "php",
            Self::Iop => "iop",
            Self::Alumni => "alumni",
            Self::Family => "family",
        }
    }

    /// Parses the stored or submitted text.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "php" => Some(Self::Php),
            "iop" => Some(Self::Iop),
            "alumni" => Some(Self::Alumni),
            "family" => Some(Self::Family),
            _ => None,
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Php => "PHP (partial hospitalization)",
            Self::Iop => "IOP (intensive outpatient)",
            Self::Alumni => "Alumni",
            Self::Family => "Family",
        }
    }
}

impl fmt::Display for LevelOfCare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_levels_round_trip_through_text() {
        for role in [Role::Client, Role::Facilitator, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for level in LevelOfCare::ALL {
            assert_eq!(LevelOfCare::parse(level.as_str()), Some(level));
        }
        assert_eq!(LevelOfCare::parse(" IOP "), Some(LevelOfCare::Iop));
        assert_eq!(Role::parse("root"), None);
        assert!(!Role::Client.is_staff());
        assert!(Role::Facilitator.is_staff() && Role::Admin.is_staff());
    }
}
