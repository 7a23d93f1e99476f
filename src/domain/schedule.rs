//! Weekly schedules in a program's IANA time zone and their expansion into
//! concrete sessions stored as UTC instants. The server does all zone math;
//! the browser receives finished text.

use crate::error::AppError;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The days of the week, Monday first: (form value, short label, long label, weekday).
pub const WEEKDAYS: [(&str, &str, &str, Weekday); 7] = [
    ("mon", "Mon", "Monday", Weekday::Monday),
    ("tue", "Tue", "Tuesday", Weekday::Tuesday),
    ("wed", "Wed", "Wednesday", Weekday::Wednesday),
    ("thu", "Thu", "Thursday", Weekday::Thursday),
    ("fri", "Fri", "Friday", Weekday::Friday),
    ("sat", "Sat", "Saturday", Weekday::Saturday),
    ("sun", "Sun", "Sunday", Weekday::Sunday),
];

/// A set of weekdays, stored as a bit mask (Monday = bit 0 … Sunday = bit 6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Weekdays(pub u8);

impl Weekdays {
    fn bit(day: Weekday) -> u8 {
        1 << (day.to_monday_zero_offset() as u8)
    }

    /// Parses form values such as `["mon", "wed"]`; at least one day is required.
    pub fn parse<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Self, AppError> {
        let mut mask = 0u8;
        for v in values {
            let v = v.trim().to_ascii_lowercase();
            let Some((_, _, _, day)) = WEEKDAYS.iter().find(|(slug, ..)| *slug == v) else {
                return Err(AppError::invalid(
                    "weekdays",
                    "Choose days of the week from the list.",
                ));
            };
            mask |= Self::bit(*day);
        }
        if mask == 0 {
            return Err(AppError::invalid(
                "weekdays",
                "Choose at least one day of the week.",
            ));
        }
        Ok(Self(mask))
    }

    /// Whether `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & Self::bit(day) != 0
    }

    /// Form values of the days in the set, Monday first.
    pub fn slugs(self) -> Vec<&'static str> {
        WEEKDAYS
            .iter()
            .filter(|(.., d)| self.contains(*d))
            .map(|(s, ..)| *s)
            .collect()
    }

    /// The days in words: "Mondays, Wednesdays and Fridays", "Weekdays", "Every day".
    pub fn describe(self) -> String {
        if self.0 == 0b111_1111 {
            return "Every day".into();
        }
        if self.0 == 0b001_1111 {
            return "Weekdays".into();
        }
        let names: Vec<String> = WEEKDAYS
            .iter()
            .filter(|(.., d)| self.contains(*d))
            .map(|(_, _, long, _)| format!("{long}s"))
            .collect();
        match names.len() {
            0 => String::new(),
            1 => names[0].clone(),
            n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
        }
    }
}

/// A wall-clock time of day in the program's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LocalTime {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

impl LocalTime {
    /// Parses "18:00" (the value of an `<input type="time">`).
    pub fn parse(input: &str) -> Result<Self, AppError> {
        let err = || AppError::invalid("start_time", "Enter a start time like 18:00.");
        let (h, m) = input.trim().split_once(':').ok_or_else(err)?;
        let hour: u8 = h.parse().map_err(|_| err())?;
        let minute: u8 = m.get(..2).unwrap_or(m).parse().map_err(|_| err())?;
        if hour > 23 || minute > 59 {
            return Err(err());
        }
        Ok(Self { hour, minute })
    }

    /// "18:00", for forms.
    pub fn to_input(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// "6:00 PM", for people.
    pub fn describe(self) -> String {
        let (h12, ampm) = match self.hour {
            0 => (12, "AM"),
            1..=11 => (self.hour, "AM"),
            12 => (12, "PM"),
            _ => (self.hour - 12, "PM"),
        };
        format!("{h12}:{:02} {ampm}", self.minute)
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        u16::from(self.hour) * 60 + u16::from(self.minute)
    }
}

/// Morning, afternoon or evening, by local start time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeOfDay {
    /// Before noon.
    Morning,
    /// Noon to 5 PM.
    Afternoon,
    /// 5 PM and later.
    Evening,
}

impl TimeOfDay {
    /// Every bucket, in the order of the day.
    pub const ALL: [TimeOfDay; 3] = [Self::Morning, Self::Afternoon, Self::Evening];

    /// The bucket a local start time falls in.
    pub fn of(start: LocalTime) -> Self {
        match start.hour {
            0..=11 => Self::Morning,
            12..=16 => Self::Afternoon,
            _ => Self::Evening,
        }
    }

    /// Form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Morning => "morning",
            Self::Afternoon => "afternoon",
            Self::Evening => "evening",
        }
    }

    /// Parses a form value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Morning => "Morning (before noon)",
            Self::Afternoon => "Afternoon (noon–5 PM)",
            Self::Evening => "Evening (after 5 PM)",
        }
    }
}

/// Shortest and longest session accepted, in minutes.
pub const DURATION_RANGE: (u16, u16) = (15, 240);

/// A group's weekly pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklySchedule {
    /// Days it meets.
    pub weekdays: Weekdays,
    /// Local start time.
    pub start: LocalTime,
    /// Length of each session in minutes.
    pub duration_minutes: u16,
}

impl WeeklySchedule {
    /// Validates a duration in minutes.
    pub fn parse_duration(input: &str) -> Result<u16, AppError> {
        let (lo, hi) = DURATION_RANGE;
        let err = || {
            AppError::invalid(
                "duration_minutes",
                format!("Enter a length between {lo} and {hi} minutes."),
            )
        };
        let d: u16 = input.trim().parse().map_err(|_| err())?;
        if !(lo..=hi).contains(&d) {
            return Err(err());
        }
        Ok(d)
    }

    /// "Mondays and Thursdays, 6:00 PM – 7:30 PM".
    pub fn describe(&self) -> String {
        let end = self.start.minutes() + self.duration_minutes;
        let end = LocalTime {
            hour: u8::try_from((end / 60) % 24).unwrap_or(0),
            minute: u8::try_from(end % 60).unwrap_or(0),
        };
        format!(
            "{}, {} – {}",
            self.weekdays.describe(),
            self.start.describe(),
            end.describe()
        )
    }
}

/// One occurrence: start and end as UTC epoch seconds, and its local date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Start, UTC epoch seconds.
    pub starts_at: i64,
    /// End, UTC epoch seconds.
    pub ends_at: i64,
    /// The local calendar date it falls on.
    pub local_date: Date,
}

/// Looks up an IANA time zone by name.
pub fn time_zone(name: &str) -> Result<TimeZone, AppError> {
    TimeZone::get(name)
        .map_err(|_| AppError::invalid("time_zone", "Choose a time zone like America/New_York."))
}

/// Expands `schedule` over `days` local days starting at `from` in `tz`,
/// skipping `closures`. A start time that does not exist on a spring-forward
/// day moves forward by the gap; an ambiguous one on a fall-back day takes the
/// earlier instant (RFC 5545 "compatible" behaviour).
pub fn expand(
    schedule: &WeeklySchedule,
    tz: &TimeZone,
    from: Date,
    days: u16,
    closures: &[Date],
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut date = from;
    for _ in 0..days {
        if schedule.weekdays.contains(date.weekday()) && !closures.contains(&date) {
            let local = date.at(
                i8::try_from(schedule.start.hour).unwrap_or(0),
                i8::try_from(schedule.start.minute).unwrap_or(0),
                0,
                0,
            );
            if let Ok(zoned) = local.to_zoned(tz.clone()) {
                let start = zoned.timestamp().as_second();
                out.push(Occurrence {
                    starts_at: start,
                    ends_at: start + i64::from(schedule.duration_minutes) * 60,
                    local_date: date,
                });
            }
        }
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    out
}

/// The local date of an instant in `tz`.
pub fn local_date(epoch: i64, tz: &TimeZone) -> Option<Date> {
    Timestamp::from_second(epoch)
        .ok()
        .map(|t| t.to_zoned(tz.clone()).date())
}

/// The local wall-clock time of an instant in `tz`.
pub fn local_time(epoch: i64, tz: &TimeZone) -> Option<LocalTime> {
    let z = Timestamp::from_second(epoch).ok()?.to_zoned(tz.clone());
    Some(LocalTime {
        hour: u8::try_from(z.hour()).ok()?,
        minute: u8::try_from(z.minute()).ok()?,
    })
}

/// When a session starts, in words relative to `now`: "Today 6:00 PM",
/// "Tomorrow 10:00 AM", "Thu 10:00 AM" (within a week), "Thu, Dec 3, 10:00 AM".
pub fn describe_start(starts_at: i64, now: i64, tz: &TimeZone) -> String {
    let (Some(day), Some(today), Some(time)) = (
        local_date(starts_at, tz),
        local_date(now, tz),
        local_time(starts_at, tz),
    ) else {
        return String::new();
    };
    let days_ahead = (day - today).get_days();
    let short = WEEKDAYS[day.weekday().to_monday_zero_offset() as usize].1;
    match days_ahead {
        0 => format!("Today {}", time.describe()),
        1 => format!("Tomorrow {}", time.describe()),
        2..=6 => format!("{short} {}", time.describe()),
        _ => format!(
            "{short}, {} {}, {}",
            month_short(day.month()),
            day.day(),
            time.describe()
        ),
    }
}

fn month_short(m: i8) -> &'static str {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    M[usize::try_from(m - 1).unwrap_or(0) % 12]
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn utc_hour(epoch: i64) -> i8 {
        Timestamp::from_second(epoch)
            .unwrap()
            .to_zoned(TimeZone::UTC)
            .hour()
    }

    fn evening_mon_thu() -> WeeklySchedule {
        WeeklySchedule {
            weekdays: Weekdays::parse(["mon", "thu"]).unwrap(),
            start: LocalTime::parse("18:00").unwrap(),
            duration_minutes: 90,
        }
    }

    #[test]
    fn new_york_spring_forward_keeps_local_time() {
        let tz = time_zone("America/New_York").unwrap();
        // DST starts Sunday 2026-03-08.
        let occ = expand(&evening_mon_thu(), &tz, date(2026, 3, 2), 14, &[]);
        let dates: Vec<Date> = occ.iter().map(|o| o.local_date).collect();
        assert_eq!(
            dates,
            vec![
                date(2026, 3, 2),
                date(2026, 3, 5),
                date(2026, 3, 9),
                date(2026, 3, 12)
            ]
        );
        assert_eq!(utc_hour(occ[0].starts_at), 23, "6 PM EST = 23:00 UTC");
        assert_eq!(utc_hour(occ[2].starts_at), 22, "6 PM EDT = 22:00 UTC");
        assert!(occ.iter().all(|o| local_time(o.starts_at, &tz)
            == Some(LocalTime {
                hour: 18,
                minute: 0
            })));
        assert!(occ.iter().all(|o| o.ends_at - o.starts_at == 90 * 60));
    }

    #[test]
    fn new_york_fall_back_keeps_local_time() {
        let tz = time_zone("America/New_York").unwrap();
        // DST ends Sunday 2026-11-01.
        let occ = expand(&evening_mon_thu(), &tz, date(2026, 10, 26), 14, &[]);
        assert_eq!(utc_hour(occ[0].starts_at), 22, "Mon Oct 26, EDT");
        assert_eq!(utc_hour(occ[2].starts_at), 23, "Mon Nov 2, EST");
    }

    #[test]
    fn a_start_inside_the_spring_gap_moves_forward_and_an_ambiguous_one_takes_the_first() {
        let tz = time_zone("America/New_York").unwrap();
        let sunday_230 = WeeklySchedule {
            weekdays: Weekdays::parse(["sun"]).unwrap(),
            start: LocalTime::parse("02:30").unwrap(),
            duration_minutes: 60,
        };
        let spring = expand(&sunday_230, &tz, date(2026, 3, 8), 1, &[]);
        assert_eq!(
            local_time(spring[0].starts_at, &tz),
            Some(LocalTime {
                hour: 3,
                minute: 30
            })
        );
        let sunday_130 = WeeklySchedule {
            start: LocalTime::parse("01:30").unwrap(),
            ..sunday_230
        };
        let fall = expand(&sunday_130, &tz, date(2026, 11, 1), 1, &[]);
        assert_eq!(
            utc_hour(fall[0].starts_at),
            5,
            "01:30 EDT (the first 01:30) = 05:30 UTC"
        );
    }

    #[test]
    fn a_zone_without_dst_has_a_constant_offset() {
        let tz = time_zone("America/Phoenix").unwrap();
        let occ = expand(&evening_mon_thu(), &tz, date(2026, 3, 2), 60, &[]);
        assert!(occ.len() >= 16);
        assert!(
            occ.iter().all(|o| utc_hour(o.starts_at) == 1),
            "6 PM MST = 01:00 UTC next day"
        );
    }

    #[test]
    fn closures_are_skipped() {
        let tz = time_zone("America/New_York").unwrap();
        let thanksgiving = date(2026, 11, 26);
        let occ = expand(
            &evening_mon_thu(),
            &tz,
            date(2026, 11, 23),
            7,
            &[thanksgiving],
        );
        assert_eq!(
            occ.iter().map(|o| o.local_date).collect::<Vec<_>>(),
            vec![date(2026, 11, 23)]
        );
    }

    #[test]
    fn time_of_day_buckets() {
        let t = |s| TimeOfDay::of(LocalTime::parse(s).unwrap());
        assert_eq!(t("00:00"), TimeOfDay::Morning);
        assert_eq!(t("11:59"), TimeOfDay::Morning);
        assert_eq!(t("12:00"), TimeOfDay::Afternoon);
        assert_eq!(t("16:59"), TimeOfDay::Afternoon);
        assert_eq!(t("17:00"), TimeOfDay::Evening);
        assert_eq!(t("23:30"), TimeOfDay::Evening);
    }

    #[test]
    fn weekdays_and_times_parse_and_describe() {
        assert_eq!(
            Weekdays::parse(["mon", "tue", "wed", "thu", "fri"])
                .unwrap()
                .describe(),
            "Weekdays"
        );
        assert_eq!(
            Weekdays::parse(["mon", "wed", "fri"]).unwrap().describe(),
            "Mondays, Wednesdays and Fridays"
        );
        assert!(Weekdays::parse(Vec::<&str>::new()).is_err());
        assert!(Weekdays::parse(["funday"]).is_err());
        assert_eq!(LocalTime::parse("18:05").unwrap().describe(), "6:05 PM");
        assert_eq!(LocalTime::parse("00:15").unwrap().describe(), "12:15 AM");
        assert_eq!(LocalTime::parse("12:00").unwrap().describe(), "12:00 PM");
        assert!(LocalTime::parse("24:00").is_err());
        assert!(LocalTime::parse("noon").is_err());
        assert_eq!(
            evening_mon_thu().describe(),
            "Mondays and Thursdays, 6:00 PM – 7:30 PM"
        );
        assert!(WeeklySchedule::parse_duration("10").is_err());
        assert_eq!(WeeklySchedule::parse_duration("90"), Ok(90));
    }

    #[test]
    fn start_times_in_words() {
        let tz = time_zone("America/New_York").unwrap();
        let at = |y, m, d, h, min| {
            date(y, m, d)
                .at(h, min, 0, 0)
                .to_zoned(tz.clone())
                .unwrap()
                .timestamp()
                .as_second()
        };
        let now = at(2026, 11, 23, 9, 0); // Monday
        assert_eq!(
            describe_start(at(2026, 11, 23, 18, 0), now, &tz),
            "Today 6:00 PM"
        );
        assert_eq!(
            describe_start(at(2026, 11, 24, 10, 0), now, &tz),
            "Tomorrow 10:00 AM"
        );
        assert_eq!(
            describe_start(at(2026, 11, 26, 10, 0), now, &tz),
            "Thu 10:00 AM"
        );
        assert_eq!(
            describe_start(at(2026, 12, 3, 10, 0), now, &tz),
            "Thu, Dec 3, 10:00 AM"
        );
    }
}
