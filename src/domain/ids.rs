//! Newtype ids so that one kind of id can never be passed where another is expected.

use serde::{Deserialize, Serialize};

/// The id of a person's account (client or staff).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UserId(pub i64);
