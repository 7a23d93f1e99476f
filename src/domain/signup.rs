//! Session signup: where a client stands for a session, attendance, the
//! weekly program-hours meter, and what staff see on a roster.

use crate::domain::role::LevelOfCare;
use serde::{Deserialize, Serialize};

/// The state of one client's signup for one session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupStatus {
    /// Holds a seat.
    Confirmed,
    /// Waiting for a seat, in first-come order.
    Waitlisted,
    /// A seat is held for them until a deadline; they accept or decline.
    Offered,
    /// They cancelled.
    Cancelled,
    /// They declined an offer.
    Declined,
    /// Their offer ran out unanswered.
    Expired,
    /// Staff removed them (with a reason).
    Removed,
}

impl SignupStatus {
    /// Stable text used in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Waitlisted => "waitlisted",
            Self::Offered => "offered",
            Self::Cancelled => "cancelled",
            Self::Declined => "declined",
            Self::Expired => "expired",
            Self::Removed => "removed",
        }
    }

    /// Parses the database text.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Confirmed,
            Self::Waitlisted,
            Self::Offered,
            Self::Cancelled,
            Self::Declined,
            Self::Expired,
            Self::Removed,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    /// Still in play: holds a seat, waits for one, or has one offered.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Confirmed | Self::Waitlisted | Self::Offered)
    }

    /// Counts against the session's capacity.
    pub fn holds_seat(self) -> bool {
        matches!(self, Self::Confirmed | Self::Offered)
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "Confirmed",
            Self::Waitlisted => "On the waitlist",
            Self::Offered => "Seat offered",
            Self::Cancelled => "Cancelled",
            Self::Declined => "Declined",
            Self::Expired => "Offer expired",
            Self::Removed => "Removed by staff",
        }
    }
}

/// Attendance as staff mark it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Came on time.
    Present,
    /// Came late.
    Late,
    /// Left before the end.
    LeftEarly,
    /// Did not come.
    Absent,
    /// Did not come, excused.
    Excused,
}

impl Attendance {
    /// Every value, in the order buttons show them.
    pub const ALL: [Self; 5] = [
        Self::Present,
        Self::Late,
        Self::LeftEarly,
        Self::Absent,
        Self::Excused,
    ];

    /// Stable text used in the database and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::Late => "late",
            Self::LeftEarly => "left_early",
            Self::Absent => "absent",
            Self::Excused => "excused",
        }
    }

    /// Parses the stable text.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Words for buttons.
    pub fn label(self) -> &'static str {
        match self {
            Self::Present => "Present",
            Self::Late => "Late",
            Self::LeftEarly => "Left early",
            Self::Absent => "Absent",
            Self::Excused => "Excused",
        }
    }

    /// Whether the client was there (counts toward program hours).
    pub fn attended(self) -> bool {
        matches!(self, Self::Present | Self::Late | Self::LeftEarly)
    }
}

/// Where the signed-in client stands for one session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySeat {
    /// The session.
    pub session_id: i64,
    /// Their status.
    pub status: SignupStatus,
    /// Place on the waitlist, from 1 (waitlisted only).
    pub position: Option<i64>,
    /// Until when an offered seat is held, in words ("until Today 4:30 PM").
    pub offer_deadline: Option<String>,
    /// Take a seat automatically when one opens.
    pub auto_accept: bool,
}

impl MySeat {
    /// One line for people: "Confirmed", "On the waitlist — 2nd in line" …
    pub fn describe(&self) -> String {
        match (self.status, self.position, &self.offer_deadline) {
            (SignupStatus::Waitlisted, Some(p), _) => {
                format!("On the waitlist — {} in line", ordinal(p))
            }
            (SignupStatus::Offered, _, Some(deadline)) => {
                format!("A seat is held for you until {deadline}")
            }
            (status, ..) => status.label().to_string(),
        }
    }
}

/// "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// What a signup request did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupOutcome {
    /// Where they stand now.
    pub seat: MySeat,
    /// Whether this request changed anything (false: a retry of an earlier signup).
    pub changed: bool,
    /// Their other sessions that overlap this one, in words (a warning, not a refusal).
    pub overlaps: Vec<String>,
}

/// One session on a client's own schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleEntry {
    /// Where they stand.
    pub seat: MySeat,
    /// Group slug (for a link).
    pub group_slug: String,
    /// Group name (shown only to the client themself).
    pub group_name: String,
    /// Start, UTC epoch seconds.
    pub starts_at: i64,
    /// End, UTC epoch seconds.
    pub ends_at: i64,
    /// "Today 6:00 PM".
    pub when: String,
    /// "90 min".
    pub duration: String,
    /// "In person" / "Virtual".
    pub format: String,
    /// Room or address (in person).
    pub location: Option<String>,
    /// Video link: only for a confirmed client from 15 minutes before start until the end.
    pub join_link: Option<String>,
    /// When the join link will appear, for virtual sessions outside the window.
    pub join_opens: Option<String>,
    /// Topic of the day.
    pub topic: Option<String>,
    /// Set when the session was cancelled by the program, with the reason.
    pub cancelled: Option<String>,
    /// Cancelling now would count as a late cancellation.
    pub cancel_is_late: bool,
}

/// A suggested session that has seats and fits the client's week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The session.
    pub session_id: i64,
    /// Group slug.
    pub group_slug: String,
    /// Group name.
    pub group_name: String,
    /// "Thu 10:00 AM".
    pub when: String,
    /// "3 seats left".
    pub seats: String,
}

/// Program hours this week against the target for the client's level of care.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursMeter {
    /// Their level of care.
    pub level: LevelOfCare,
    /// Weekly target, minutes.
    pub target_minutes: i64,
    /// Weekly target, days with at least one session.
    pub target_days: i64,
    /// Minutes attended this week (marked present, late or left early).
    pub attended_minutes: i64,
    /// Minutes booked for the rest of the week (confirmed, not yet attended).
    pub booked_minutes: i64,
    /// Days this week with an attended or booked session.
    pub days: i64,
    /// Up to three sessions with seats that fit.
    pub suggestions: Vec<Suggestion>,
}

impl HoursMeter {
    /// "4.5 of 9 hours".
    pub fn describe(&self) -> String {
        format!(
            "{} of {} hours",
            hours(self.attended_minutes + self.booked_minutes),
            hours(self.target_minutes)
        )
    }

    /// Percent of the target covered (attended + booked), capped at 100.
    pub fn percent(&self) -> i64 {
        if self.target_minutes <= 0 {
            return 100;
        }
        ((self.attended_minutes + self.booked_minutes) * 100 / self.target_minutes).min(100)
    }

    /// Whether the target is met by what is attended and booked.
    pub fn is_met(&self) -> bool {
        self.attended_minutes + self.booked_minutes >= self.target_minutes
            && self.days >= self.target_days
    }
}

/// Minutes as hours for people: 90 → "1.5", 540 → "9".
pub fn hours(minutes: i64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// A client's upcoming sessions and program hours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySchedule {
    /// Sessions that have not ended, soonest first.
    pub entries: Vec<ScheduleEntry>,
    /// This week's hours (clients in PHP or IOP only).
    pub hours: Option<HoursMeter>,
    /// Whether a private calendar feed exists.
    pub has_feed: bool,
}

/// One person on a session roster (staff only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// The signup.
    pub signup_id: i64,
    /// Preferred name and last initial, as the client gave it.
    pub name: String,
    /// Status.
    pub status: SignupStatus,
    /// Waitlist place, from 1.
    pub position: Option<i64>,
    /// Offer deadline in words.
    pub offer_deadline: Option<String>,
    /// Attendance, once marked.
    pub attendance: Option<Attendance>,
    /// Cancelled inside the late window.
    pub late_cancel: bool,
    /// Added by staff (closed groups).
    pub added_by_staff: bool,
    /// Staff note (removal reason).
    pub note: Option<String>,
}

/// A session roster for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRoster {
    /// The session.
    pub session_id: i64,
    /// Group slug.
    pub group_slug: String,
    /// Group name.
    pub group_name: String,
    /// "Today 6:00 PM".
    pub when: String,
    /// Seats.
    pub capacity: i64,
    /// Confirmed.
    pub confirmed: i64,
    /// Waiting.
    pub waitlisted: i64,
    /// Offers outstanding.
    pub offered: i64,
    /// Cancelled by the program, with reason.
    pub cancelled: Option<String>,
    /// Everyone: confirmed and offered first, then the waitlist in order, then
    /// late cancellations and removals.
    pub entries: Vec<RosterEntry>,
}

/// One of today's sessions on the staff "today" view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodaySession {
    /// The session.
    pub session_id: i64,
    /// Group name.
    pub group_name: String,
    /// "6:00 PM".
    pub when: String,
    /// Confirmed.
    pub booked: i64,
    /// Seats.
    pub capacity: i64,
    /// Waiting.
    pub waitlisted: i64,
    /// Attendance marked so far.
    pub marked: i64,
    /// Cancelled by the program.
    pub cancelled: bool,
}

/// An in-app notice (a seat offered, a session cancelled).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Id.
    pub id: i64,
    /// When it was sent, in words.
    pub when: String,
    /// The text (neutral: a time, never a group name).
    pub body: String,
}

/// Preferred name plus a last initial when the name has more than one word:
/// "Sam Rivera" → "Sam R.", "Sam" → "Sam".
pub fn roster_name(preferred: &str) -> String {
    let mut words = preferred.split_whitespace();
    let first = words.next().unwrap_or_default();
    match words.last().and_then(|w| w.chars().next()) {
        Some(initial) => format!("{first} {initial}."),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_know_what_holds_a_seat() {
        for s in [
            SignupStatus::Confirmed,
            SignupStatus::Waitlisted,
            SignupStatus::Offered,
            SignupStatus::Cancelled,
            SignupStatus::Declined,
            SignupStatus::Expired,
            SignupStatus::Removed,
        ] {
            assert_eq!(SignupStatus::parse(s.as_str()), Some(s));
        }
        assert!(SignupStatus::Offered.holds_seat());
        assert!(!SignupStatus::Waitlisted.holds_seat());
        assert!(SignupStatus::Waitlisted.is_active());
        assert!(!SignupStatus::Expired.is_active());
        assert_eq!(Attendance::parse("left_early"), Some(Attendance::LeftEarly));
        assert!(!Attendance::Excused.attended());
    }

    #[test]
    fn words_for_people() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(540), "9");
        assert_eq!(roster_name("Sam  Rivera"), "Sam R.");
        assert_eq!(roster_name("Ana María López"), "Ana L.");
        assert_eq!(roster_name("Jo"), "Jo");
        let seat = MySeat {
            session_id: 1,
            status: SignupStatus::Waitlisted,
            position: Some(2),
            offer_deadline: None,
            auto_accept: false,
        };
        assert_eq!(seat.describe(), "On the waitlist — 2nd in line");
    }

    #[test]
    fn meter_counts_attended_and_booked_against_the_target() {
        let m = HoursMeter {
            level: LevelOfCare::Iop,
            target_minutes: 540,
            target_days: 3,
            attended_minutes: 180,
            booked_minutes: 90,
            days: 2,
            suggestions: vec![],
        };
        assert_eq!(m.describe(), "4.5 of 9 hours");
        assert_eq!(m.percent(), 50);
        assert!(!m.is_met());
    }
}
