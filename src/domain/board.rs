//! Anonymous peer-support boards: what clients see. Nothing in these types
//! identifies an author across threads: a client appears under a pseudonym
//! derived per thread on the server; staff appear under their role.

use serde::{Deserialize, Serialize};

/// Version of the community guidelines; raising it asks everyone to accept again.
pub const GUIDELINES_VERSION: i64 = 1;

/// The community guidelines every client accepts before their first post.
pub const GUIDELINES: [&str; 5] = [
    "What is shared here stays here. Don't repeat or screenshot other people's posts.",
    "No names, no contact details: not yours, not anyone else's — no phone numbers, e-mail addresses, handles or links.",
    "Be kind. Share your own experience rather than advice or judgement.",
    "No details of using (amounts, methods, where to get things).",
    "If you are in danger, use the crisis help on every page — staff read posts, but not around the clock.",
];

/// Supportive reactions: no likes, no public counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reaction {
    /// "Sending strength".
    Strength,
    /// "Me too".
    MeToo,
    /// "Thank you for sharing".
    ThankYou,
}

impl Reaction {
    /// Every reaction, in button order.
    pub const ALL: [Self; 3] = [Self::Strength, Self::MeToo, Self::ThankYou];

    /// Stable text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Strength => "strength",
            Self::MeToo => "me_too",
            Self::ThankYou => "thank_you",
        }
    }

    /// Parses the stable text.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Words on the button.
    pub fn label(self) -> &'static str {
        match self {
            Self::Strength => "Sending strength",
            Self::MeToo => "Me too",
            Self::ThankYou => "Thank you for sharing",
        }
    }
}

/// Why a post is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    /// Unkind or hurtful.
    Unkind,
    /// Unsafe, or the writer may be in crisis.
    Unsafe,
    /// Shares private information.
    PrivateInfo,
    /// Spam.
    Spam,
    /// Something else (with a note).
    Other,
}

impl ReportReason {
    /// Every reason, in form order.
    pub const ALL: [Self; 5] = [
        Self::Unkind,
        Self::Unsafe,
        Self::PrivateInfo,
        Self::Spam,
        Self::Other,
    ];

    /// Stable text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unkind => "unkind",
            Self::Unsafe => "unsafe",
            Self::PrivateInfo => "private_info",
            Self::Spam => "spam",
            Self::Other => "other",
        }
    }

    /// Parses the stable text.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Words for the form.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unkind => "Unkind or hurtful",
            Self::Unsafe => "Unsafe, or someone may be in crisis",
            Self::PrivateInfo => "Shares private information",
            Self::Spam => "Spam",
            Self::Other => "Something else",
        }
    }
}

/// Content warnings an author can put on a post; readers choose which to blur.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentWarning {
    /// Details of substance use.
    SubstanceUse,
    /// Self-harm.
    SelfHarm,
    /// Trauma.
    Trauma,
    /// Eating and body image.
    Eating,
    /// Relapse.
    Relapse,
}

impl ContentWarning {
    /// Every warning, in form order.
    pub const ALL: [Self; 5] = [
        Self::SubstanceUse,
        Self::SelfHarm,
        Self::Trauma,
        Self::Eating,
        Self::Relapse,
    ];

    /// Stable text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SubstanceUse => "substance_use",
            Self::SelfHarm => "self_harm",
            Self::Trauma => "trauma",
            Self::Eating => "eating",
            Self::Relapse => "relapse",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::SubstanceUse => "substance use details",
            Self::SelfHarm => "self-harm",
            Self::Trauma => "trauma",
            Self::Eating => "eating and body image",
            Self::Relapse => "relapse",
        }
    }

    fn bit(self) -> i64 {
        1 << (self as i64)
    }

    /// The bit mask of a set of warnings.
    pub fn mask(warnings: &[Self]) -> i64 {
        warnings.iter().fold(0, |m, w| m | w.bit())
    }

    /// The warnings in a bit mask.
    pub fn from_mask(mask: i64) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|w| mask & w.bit() != 0)
            .collect()
    }

    /// Parses form values; unknown ones are an error.
    pub fn parse_all(values: &[String]) -> Option<Vec<Self>> {
        values
            .iter()
            .map(|v| Self::ALL.into_iter().find(|w| w.as_str() == v))
            .collect()
    }
}

/// Minutes after posting during which the author can edit or delete a post.
pub const EDIT_WINDOW_MINUTES: i64 = 15;

/// Distinct reporters that hide a post pending review.
pub const REPORTS_TO_HIDE: i64 = 3;

const ADJECTIVES: [&str; 32] = [
    "Quiet",
    "Gentle",
    "Steady",
    "Brave",
    "Calm",
    "Kind",
    "Bright",
    "Patient",
    "Hopeful",
    "Warm",
    "Curious",
    "Honest",
    "Soft",
    "Strong",
    "Open",
    "Thoughtful",
    "Clear",
    "Easy",
    "Sunny",
    "Wise",
    "Humble",
    "Tender",
    "Bold",
    "Golden",
    "Silver",
    "Misty",
    "Early",
    "Evening",
    "Northern",
    "Southern",
    "Coastal",
    "Meadow",
];

const ANIMALS: [&str; 32] = [
    "Heron", "Otter", "Sparrow", "Fox", "Deer", "Owl", "Wren", "Badger", "Finch", "Hare", "Robin",
    "Seal", "Crane", "Lark", "Swan", "Dove", "Beaver", "Marten", "Plover", "Kestrel", "Salmon",
    "Tortoise", "Dolphin", "Panda", "Koala", "Lynx", "Puffin", "Egret", "Bison", "Moose", "Falcon",
    "Raven",
];

/// A friendly name ("Quiet Heron") from the first bytes of a keyed hash (hex).
/// With 32 × 32 names, two people in one thread can share a name; a number
/// from the next byte ("Quiet Heron 7") makes that rare.
pub fn pseudonym_from_hex(hex: &str) -> String {
    let byte = |i: usize| {
        hex.get(i * 2..i * 2 + 2)
            .and_then(|b| u8::from_str_radix(b, 16).ok())
            .unwrap_or(0)
    };
    let adjective = ADJECTIVES[usize::from(byte(0)) % ADJECTIVES.len()];
    let animal = ANIMALS[usize::from(byte(1)) % ANIMALS.len()];
    format!("{adjective} {animal} {}", byte(2) % 10)
}

/// A board as a client sees it in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardSummary {
    /// Stable slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Threads on it.
    pub threads: i64,
    /// Threads with posts the viewer has not seen.
    pub unread_threads: i64,
}

/// One thread in a board's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Replies (visible posts after the first).
    pub replies: i64,
    /// Last activity, in words.
    pub last_activity: String,
    /// Closed to new replies.
    pub locked: bool,
    /// Started by the viewer.
    pub mine: bool,
    /// Never opened by the viewer (and not theirs).
    pub new_thread: bool,
    /// Posts the viewer has not seen.
    pub unread: i64,
    /// Where to jump in: the first post the viewer has not seen.
    pub first_unread: Option<i64>,
}

/// A board with a page of threads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPage {
    /// The board.
    pub board: BoardSummary,
    /// Whether the viewer has accepted the current guidelines (staff: always).
    pub accepted_guidelines: bool,
    /// Threads, newest activity first.
    pub threads: Vec<ThreadSummary>,
    /// The warnings the viewer has chosen to blur.
    pub blur: Vec<ContentWarning>,
    /// How many people the viewer has muted.
    pub muted_people: i64,
    /// Page number from 1.
    pub page: i64,
    /// Pages.
    pub pages: i64,
}

/// How a post shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostState {
    /// Visible to everyone who can read the board.
    Visible,
    /// Hidden pending review (its author sees "under review").
    UnderReview,
    /// Removed by staff.
    Removed,
    /// Deleted by its author.
    Deleted,
}

/// One post as the viewer may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    /// Id.
    pub id: i64,
    /// The author's pseudonym in this thread, or "Facilitator" for staff.
    pub author: String,
    /// Written by staff under their role.
    pub by_staff: bool,
    /// Written by whoever started the thread.
    pub is_starter: bool,
    /// Written by the viewer.
    pub mine: bool,
    /// Plain text (rendered escaped, paragraphs kept).
    pub body: String,
    /// When, in words.
    pub when: String,
    /// Visible, under review, removed.
    pub state: PostState,
    /// Reactions the viewer gave.
    pub my_reactions: Vec<Reaction>,
    /// Counts per reaction: only on the viewer's own posts.
    pub reaction_counts: Vec<(Reaction, i64)>,
    /// Staff only: flagged as crisis language.
    pub crisis: bool,
    /// The author's content warnings.
    pub warnings: Vec<ContentWarning>,
    /// Shown folded: it carries a warning the viewer chose to blur.
    pub blurred: bool,
    /// Edited after posting.
    pub edited: bool,
    /// The viewer may still edit or delete it (their own, inside the window).
    pub can_edit: bool,
    /// Posted since the viewer last opened this thread.
    pub unread: bool,
}

/// A thread with its posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPage {
    /// Board slug.
    pub board_slug: String,
    /// Board name.
    pub board_name: String,
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Closed to new replies.
    pub locked: bool,
    /// Posts, oldest first (removed ones as placeholders).
    pub posts: Vec<PostView>,
    /// Whether the viewer has accepted the current guidelines (staff: always).
    pub accepted_guidelines: bool,
    /// Whether the viewer is staff (moderation controls).
    pub viewer_is_staff: bool,
    /// Posts left out because the viewer muted their author.
    pub muted_posts: i64,
}

/// What posting did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostOutcome {
    /// The thread.
    pub thread_id: i64,
    /// The post.
    pub post_id: i64,
    /// The text matched crisis language: show crisis help now (staff were alerted).
    pub crisis: bool,
}

/// One item of the staff moderation queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationItem {
    /// Queue item id.
    pub id: i64,
    /// "crisis" or "reports".
    pub kind: String,
    /// The post.
    pub post_id: i64,
    /// Its thread.
    pub thread_id: i64,
    /// Thread title.
    pub thread_title: String,
    /// Board name.
    pub board_name: String,
    /// The text.
    pub body: String,
    /// Author pseudonym in that thread.
    pub author: String,
    /// Post state now.
    pub state: PostState,
    /// Reports: reason labels with counts.
    pub reports: Vec<(String, i64)>,
    /// When queued, in words.
    pub queued: String,
}

/// An entry of the moderation log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationLogEntry {
    /// When, in words.
    pub when: String,
    /// Staff member's name.
    pub actor: String,
    /// What was done.
    pub action: String,
    /// The reason given.
    pub reason: Option<String>,
}

/// Staff queue and log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueue {
    /// Open items: crisis first, then oldest first.
    pub items: Vec<ModerationItem>,
    /// Recent actions, newest first.
    pub log: Vec<ModerationLogEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_friendly_and_deterministic() {
        assert_eq!(pseudonym_from_hex("0000ff"), "Quiet Heron 5");
        assert_eq!(pseudonym_from_hex("0101"), "Gentle Otter 0");
        assert_eq!(pseudonym_from_hex("zz"), "Quiet Heron 0");
        for r in Reaction::ALL {
            assert_eq!(Reaction::parse(r.as_str()), Some(r));
        }
        for r in ReportReason::ALL {
            assert_eq!(ReportReason::parse(r.as_str()), Some(r));
        }
        let both = [ContentWarning::SelfHarm, ContentWarning::Relapse];
        assert_eq!(ContentWarning::from_mask(ContentWarning::mask(&both)), both);
        assert_eq!(
            ContentWarning::parse_all(&["trauma".into()]),
            Some(vec![ContentWarning::Trauma])
        );
        assert_eq!(ContentWarning::parse_all(&["nope".into()]), None);
    }
}
