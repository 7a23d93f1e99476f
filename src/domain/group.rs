//! Groups: what they are, who they serve, and the directory's filter rules.

use crate::domain::role::LevelOfCare;
use crate::domain::schedule::{LocalTime, TimeOfDay, Weekdays, WeeklySchedule};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The kind of group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// Process group.
    Process,
    /// Psychoeducation.
    Psychoeducation,
    /// CBT skills.
    CbtSkills,
    /// DBT skills.
    DbtSkills,
    /// Relapse prevention.
    RelapsePrevention,
    /// Family group.
    Family,
    /// Alumni and peer support.
    AlumniPeer,
    /// Anything else the program runs (art, movement, mindfulness …).
    Other,
}

impl GroupKind {
    /// Every kind, in display order.
    pub const ALL: [GroupKind; 8] = [
        Self::Process,
        Self::Psychoeducation,
        Self::CbtSkills,
        Self::DbtSkills,
        Self::RelapsePrevention,
        Self::Family,
        Self::AlumniPeer,
        Self::Other,
    ];

    /// Stored and form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Process => "process",
            Self::Psychoeducation => "psychoeducation",
            Self::CbtSkills => "cbt_skills",
            Self::DbtSkills => "dbt_skills",
            Self::RelapsePrevention => "relapse_prevention",
            Self::Family => "family",
            Self::AlumniPeer => "alumni_peer",
            Self::Other => "other",
        }
    }

    /// Parses a stored or form value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Process => "Process group",
            Self::Psychoeducation => "Psychoeducation",
            Self::CbtSkills => "CBT skills",
            Self::DbtSkills => "DBT skills",
            Self::RelapsePrevention => "Relapse prevention",
            Self::Family => "Family group",
            Self::AlumniPeer => "Alumni & peer support",
            Self::Other => "Other",
        }
    }
}

/// Where a group meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupFormat {
    /// In a room at the program.
    InPerson,
    /// By video.
    Virtual,
}

impl GroupFormat {
    /// Both formats.
    pub const ALL: [GroupFormat; 2] = [Self::InPerson, Self::Virtual];

    /// Stored and form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Virtual => "virtual",
        }
    }

    /// Parses a stored or form value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::InPerson => "In person",
            Self::Virtual => "Virtual",
        }
    }
}

/// A set of levels of care, stored as a bit mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Levels(pub u8);

impl Levels {
    fn bit(level: LevelOfCare) -> u8 {
        match level {
            LevelOfCare::Php => 1,
            LevelOfCare::Iop => 2,
            LevelOfCare::Alumni => 4,
            LevelOfCare::Family => 8,
        }
    }

    /// Builds a set from levels.
    pub fn of(levels: &[LevelOfCare]) -> Self {
        Self(levels.iter().fold(0, |m, l| m | Self::bit(*l)))
    }

    /// Parses form values; at least one level is required.
    pub fn parse<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Self, AppError> {
        let mut mask = 0;
        for v in values {
            let level = LevelOfCare::parse(v).ok_or_else(|| {
                AppError::invalid("levels", "Choose levels of care from the list.")
            })?;
            mask |= Self::bit(level);
        }
        if mask == 0 {
            return Err(AppError::invalid(
                "levels",
                "Choose at least one level of care.",
            ));
        }
        Ok(Self(mask))
    }

    /// Whether `level` is in the set.
    pub fn contains(self, level: LevelOfCare) -> bool {
        self.0 & Self::bit(level) != 0
    }

    /// The levels in the set, in continuum order.
    pub fn to_vec(self) -> Vec<LevelOfCare> {
        LevelOfCare::ALL
            .into_iter()
            .filter(|l| self.contains(*l))
            .collect()
    }

    /// "PHP and IOP" — short names for cards.
    pub fn describe(self) -> String {
        let names: Vec<&str> = self.to_vec().into_iter().map(short_level).collect();
        match names.len() {
            0 => String::new(),
            1 => names[0].to_string(),
            n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
        }
    }
}

/// "PHP", "IOP", "Alumni", "Family".
pub fn short_level(level: LevelOfCare) -> &'static str {
    match level {
        LevelOfCare::Php => "PHP",
        LevelOfCare::Iop => "IOP",
        LevelOfCare::Alumni => "Alumni",
        LevelOfCare::Family => "Family",
    }
}

/// Smallest and largest capacity accepted.
pub const CAPACITY_RANGE: (i64, i64) = (2, 40);

/// A URL-safe, stable identifier made from a name: "DBT Skills (Evening)" → "dbt-skills-evening".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(60);
    out
}

/// Everything a directory card needs about a group and its next session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// Stable slug for links.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: GroupKind,
    /// Levels of care served.
    pub levels: Levels,
    /// Format.
    pub format: GroupFormat,
    /// Language.
    pub language: String,
    /// Weekly pattern.
    pub schedule: WeeklySchedule,
    /// Open to new members (closed groups are joined through staff).
    pub is_open: bool,
    /// The next session that has not ended, if any.
    pub next: Option<SessionSummary>,
    /// Where the next session stood when this summary was made.
    pub timing: Timing,
    /// Words searched by the keyword filter (name, description, facilitator, kind).
    pub search_text: String,
}

/// A concrete session as people see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// The session's id (for staff actions and, later, signup).
    pub id: i64,
    /// Start, UTC epoch seconds.
    pub starts_at: i64,
    /// End, UTC epoch seconds.
    pub ends_at: i64,
    /// "Today 6:00 PM".
    pub when: String,
    /// Seats left (never who).
    pub seats_left: i64,
    /// Topic of the day, if set.
    pub topic: Option<String>,
    /// Cancelled, with the reason.
    pub cancelled: Option<String>,
}

/// Everything the group page shows. Never who attends; never the video link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDetail {
    /// The directory summary (with the next session).
    pub summary: GroupSummary,
    /// Description.
    pub description: String,
    /// Facilitator, e.g. "Dana Ruiz, LICSW".
    pub facilitator: String,
    /// Co-facilitator.
    pub co_facilitator: Option<String>,
    /// Room or address for in-person groups.
    pub location: Option<String>,
    /// Accessibility notes.
    pub accessibility: String,
    /// Seats per session.
    pub capacity: i64,
    /// The program's time zone.
    pub time_zone: String,
    /// Upcoming sessions with seats left and topics.
    pub upcoming: Vec<SessionSummary>,
    /// Whether the signed-in client's level of care may join (None for visitors and staff).
    pub viewer_may_join: Option<bool>,
}

/// Groups shown per directory page: enough to scan on a phone, small enough
/// to load fast on a slow network.
pub const PAGE_SIZE: usize = 24;

/// The directory page's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    /// This page of the matching groups, ordered from now.
    pub groups: Vec<GroupSummary>,
    /// How many groups match the filters (on all pages).
    pub matching: usize,
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
    /// How many groups there are before filtering.
    pub total: usize,
    /// The signed-in client's level of care, to mark groups they can't join.
    pub viewer_level: Option<LevelOfCare>,
    /// Languages offered, for the filter.
    pub languages: Vec<String>,
}

/// Where a session stands relative to now, for ordering the directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Timing {
    /// Started and not yet ended.
    InProgress,
    /// Starts within the next two hours.
    StartingSoon,
    /// Later.
    Later,
    /// No upcoming session.
    None,
}

/// How far ahead "starting soon" reaches.
pub const STARTING_SOON_SECS: i64 = 2 * 3600;

impl GroupSummary {
    /// Where the next session stands at `now`.
    pub fn timing_at(&self, now: i64) -> Timing {
        match &self.next {
            None => Timing::None,
            Some(s) if s.starts_at <= now && now < s.ends_at => Timing::InProgress,
            Some(s) if s.starts_at - now <= STARTING_SOON_SECS => Timing::StartingSoon,
            Some(_) => Timing::Later,
        }
    }

    /// Whether the time-of-day bucket of the group's start time is `t`.
    pub fn time_of_day(&self) -> TimeOfDay {
        TimeOfDay::of(self.schedule.start)
    }
}

/// The directory filters, as they appear in the URL query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryFilter {
    /// Weekday form value ("mon" …).
    pub day: Option<String>,
    /// Time of day.
    pub time: Option<TimeOfDay>,
    /// Kind.
    pub kind: Option<GroupKind>,
    /// Level of care.
    pub level: Option<LevelOfCare>,
    /// Format.
    pub format: Option<GroupFormat>,
    /// Language (case-insensitive).
    pub language: Option<String>,
    /// Only groups whose next session has a seat.
    pub has_seats: bool,
    /// Keywords; every word must appear.
    pub q: Option<String>,
}

impl DirectoryFilter {
    /// Builds a filter from query parameters, ignoring unknown or empty values.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let nonempty = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Self {
            day: nonempty("day").filter(|d| Weekdays::parse([d.as_str()]).is_ok()),
            time: nonempty("time").and_then(|t| TimeOfDay::parse(&t)),
            kind: nonempty("kind").and_then(|k| GroupKind::parse(&k)),
            level: nonempty("level").and_then(|l| LevelOfCare::parse(&l)),
            format: nonempty("format").and_then(|f| GroupFormat::parse(&f)),
            language: nonempty("language"),
            has_seats: nonempty("seats").is_some_and(|v| v == "1" || v == "on" || v == "true"),
            q: nonempty("q").map(|q| q.chars().take(100).collect()),
        }
    }

    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether `g` passes every filter that is set (filters combine with AND).
    pub fn matches(&self, g: &GroupSummary) -> bool {
        if let Some(day) = &self.day {
            let Ok(wanted) = Weekdays::parse([day.as_str()]) else {
                return false;
            };
            if g.schedule.weekdays.0 & wanted.0 == 0 {
                return false;
            }
        }
        if self.time.is_some_and(|t| t != g.time_of_day()) {
            return false;
        }
        if self.kind.is_some_and(|k| k != g.kind) {
            return false;
        }
        if self.level.is_some_and(|l| !g.levels.contains(l)) {
            return false;
        }
        if self.format.is_some_and(|f| f != g.format) {
            return false;
        }
        if let Some(lang) = &self.language {
            if !g.language.eq_ignore_ascii_case(lang) {
                return false;
            }
        }
        if self.has_seats
            && !g
                .next
                .as_ref()
                .is_some_and(|s| s.seats_left > 0 && s.cancelled.is_none())
        {
            return false;
        }
        if let Some(q) = &self.q {
            let hay = g.search_text.to_lowercase();
            if !q.to_lowercase().split_whitespace().all(|w| hay.contains(w)) {
                return false;
            }
        }
        true
    }

    /// The query string for this filter ("" when empty), for shareable links.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(d) = &self.day {
            pairs.push(("day", d.clone()));
        }
        if let Some(t) = self.time {
            pairs.push(("time", t.as_str().into()));
        }
        if let Some(k) = self.kind {
            pairs.push(("kind", k.as_str().into()));
        }
        if let Some(l) = self.level {
            pairs.push(("level", l.as_str().into()));
        }
        if let Some(f) = self.format {
            pairs.push(("format", f.as_str().into()));
        }
        if let Some(l) = &self.language {
            pairs.push(("language", l.clone()));
        }
        if self.has_seats {
            pairs.push(("seats", "1".into()));
        }
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_query_value(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn encode_query_value(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Orders directory results from now: in progress, starting soon, then by next start.
pub fn order_from_now(groups: &mut [GroupSummary], now: i64) {
    groups.sort_by(|a, b| {
        let key = |g: &GroupSummary| {
            (
                g.timing_at(now),
                g.next.as_ref().map_or(i64::MAX, |s| s.starts_at),
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.name.cmp(&b.name))
    });
}

/// Seats left in words: "3 seats left", "1 seat left", "Full — waitlist open".
pub fn describe_seats(seats_left: i64) -> String {
    match seats_left {
        i64::MIN..=0 => "Full — waitlist open".into(),
        1 => "1 seat left".into(),
        n => format!("{n} seats left"),
    }
}

/// Start time of a schedule as text for a card subtitle.
pub fn describe_start_time(start: LocalTime) -> String {
    start.describe()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(
        name: &str,
        kind: GroupKind,
        levels: &[LevelOfCare],
        days: &[&str],
        start: &str,
        seats: i64,
    ) -> GroupSummary {
        GroupSummary {
            slug: slugify(name),
            name: name.into(),
            kind,
            levels: Levels::of(levels),
            format: GroupFormat::InPerson,
            language: "English".into(),
            schedule: WeeklySchedule {
                weekdays: Weekdays::parse(days.iter().copied()).unwrap(),
                start: LocalTime::parse(start).unwrap(),
                duration_minutes: 90,
            },
            is_open: true,
            next: Some(SessionSummary {
                id: 1,
                starts_at: 10_000,
                ends_at: 15_400,
                when: String::new(),
                seats_left: seats,
                topic: None,
                cancelled: None,
            }),
            timing: Timing::Later,
            search_text: format!("{name} {}", kind.label()),
        }
    }

    #[test]
    fn filters_combine_with_and() {
        let dbt = group(
            "DBT Skills",
            GroupKind::DbtSkills,
            &[LevelOfCare::Iop],
            &["mon", "wed"],
            "18:00",
            3,
        );
        let process = group(
            "Morning Process",
            GroupKind::Process,
            &[LevelOfCare::Php],
            &["mon"],
            "09:00",
            0,
        );
        let f = DirectoryFilter::from_query(|k| match k {
            "day" => Some("mon".into()),
            "time" => Some("evening".into()),
            _ => None,
        });
        assert!(f.matches(&dbt));
        assert!(
            !f.matches(&process),
            "morning group fails the evening filter"
        );
        let f = DirectoryFilter {
            level: Some(LevelOfCare::Php),
            has_seats: true,
            ..Default::default()
        };
        assert!(!f.matches(&process), "full group fails has-seats");
        assert!(!f.matches(&dbt), "IOP group fails the PHP filter");
        let f = DirectoryFilter {
            q: Some("dbt SKILLS".into()),
            ..Default::default()
        };
        assert!(
            f.matches(&dbt) && !f.matches(&process),
            "keywords are case-insensitive, every word must match"
        );
        assert!(
            DirectoryFilter::default().matches(&process),
            "no filter keeps everything"
        );
    }

    #[test]
    fn unknown_filter_values_are_ignored_and_round_trip_through_the_query() {
        let f = DirectoryFilter::from_query(|k| match k {
            "day" => Some("funday".into()),
            "kind" => Some("dbt_skills".into()),
            "q" => Some("  anger & stress ".into()),
            "seats" => Some("1".into()),
            _ => None,
        });
        assert_eq!(f.day, None);
        assert_eq!(f.kind, Some(GroupKind::DbtSkills));
        let q = f.to_query();
        assert_eq!(q, "kind=dbt_skills&seats=1&q=anger+%26+stress");
        assert!(DirectoryFilter::from_query(|_| None).is_empty());
    }

    #[test]
    fn ordering_puts_in_progress_then_starting_soon_first() {
        let mut a = group(
            "A later",
            GroupKind::Process,
            &[LevelOfCare::Iop],
            &["mon"],
            "18:00",
            3,
        );
        let mut b = group(
            "B now",
            GroupKind::Process,
            &[LevelOfCare::Iop],
            &["mon"],
            "18:00",
            3,
        );
        let mut c = group(
            "C soon",
            GroupKind::Process,
            &[LevelOfCare::Iop],
            &["mon"],
            "18:00",
            3,
        );
        let now = 100_000;
        a.next.as_mut().unwrap().starts_at = now + 5 * 3600;
        b.next.as_mut().unwrap().starts_at = now - 600;
        b.next.as_mut().unwrap().ends_at = now + 3000;
        c.next.as_mut().unwrap().starts_at = now + 3600;
        let mut v = vec![a, b, c];
        order_from_now(&mut v, now);
        let names: Vec<&str> = v.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["B now", "C soon", "A later"]);
        assert_eq!(v[0].timing_at(now), Timing::InProgress);
        assert_eq!(v[1].timing_at(now), Timing::StartingSoon);
    }

    #[test]
    fn slugs_and_seats_read_well() {
        assert_eq!(
            slugify("DBT Skills (Evening) — IOP"),
            "dbt-skills-evening-iop"
        );
        assert_eq!(slugify("  Relapse   Prevention! "), "relapse-prevention");
        assert_eq!(describe_seats(3), "3 seats left");
        assert_eq!(describe_seats(1), "1 seat left");
        assert_eq!(describe_seats(0), "Full — waitlist open");
        assert_eq!(
            Levels::of(&[LevelOfCare::Iop, LevelOfCare::Php]).describe(),
            "PHP and IOP"
        );
    }
}
