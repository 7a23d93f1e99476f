//! Staff input for creating and editing a group, parsed field by field so a
//! form can show every problem next to its field at once.

use crate::domain::group::{GroupFormat, GroupKind, Levels, CAPACITY_RANGE};
use crate::domain::role::LevelOfCare;
use crate::domain::schedule::{LocalTime, Weekdays, WeeklySchedule, WEEKDAYS};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// A group form as submitted (every value as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInput {
    /// Name.
    pub name: String,
    /// Kind value.
    pub kind: String,
    /// Description.
    pub description: String,
    /// Checked levels of care (form values).
    pub levels: Vec<String>,
    /// Facilitator.
    pub facilitator: String,
    /// Co-facilitator (optional).
    pub co_facilitator: String,
    /// Format value.
    pub format: String,
    /// Room or address (in person).
    pub location: String,
    /// Video link (virtual).
    pub virtual_link: String,
    /// Capacity.
    pub capacity: String,
    /// Minimum size.
    pub min_size: String,
    /// Language.
    pub language: String,
    /// Accessibility notes.
    pub accessibility: String,
    /// Open to new members.
    pub is_open: bool,
    /// Checked weekdays (form values).
    pub weekdays: Vec<String>,
    /// Start time "HH:MM".
    pub start_time: String,
    /// Length in minutes.
    pub duration_minutes: String,
}

/// A validated group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupDraft {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: GroupKind,
    /// Description.
    pub description: String,
    /// Levels of care.
    pub levels: Levels,
    /// Facilitator.
    pub facilitator: String,
    /// Co-facilitator.
    pub co_facilitator: Option<String>,
    /// Format.
    pub format: GroupFormat,
    /// Room or address (in person only).
    pub location: Option<String>,
    /// Video link (virtual only).
    pub virtual_link: Option<String>,
    /// Capacity.
    pub capacity: i64,
    /// Minimum size.
    pub min_size: i64,
    /// Language.
    pub language: String,
    /// Accessibility notes.
    pub accessibility: String,
    /// Open group.
    pub is_open: bool,
    /// Weekly schedule.
    pub schedule: WeeklySchedule,
}

fn text(
    field: &str,
    value: &str,
    label: &str,
    min: usize,
    max: usize,
    errors: &mut Vec<AppError>,
) -> String {
    let v = value.trim().to_string();
    let n = v.chars().count();
    if n < min {
        errors.push(AppError::invalid(
            field,
            if min <= 1 {
                format!("Enter {label}.")
            } else {
                format!("Enter {label} ({min} characters or more).")
            },
        ));
    } else if n > max {
        errors.push(AppError::invalid(
            field,
            format!("Keep {label} to {max} characters or fewer."),
        ));
    } else if v
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        errors.push(AppError::invalid(
            field,
            "Remove special control characters.",
        ));
    }
    v
}

fn number(field: &str, value: &str, label: &str, errors: &mut Vec<AppError>) -> Option<i64> {
    match value.trim().parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(AppError::invalid(
                field,
                format!("Enter {label} as a whole number."),
            ));
            None
        }
    }
}

impl GroupDraft {
    /// Checks every field; on failure the error lists each bad field.
    pub fn parse(input: &GroupInput) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let name = text("name", &input.name, "a name", 3, 80, &mut errors);
        let kind = GroupKind::parse(&input.kind);
        if kind.is_none() {
            errors.push(AppError::invalid(
                "kind",
                "Choose what kind of group this is.",
            ));
        }
        let description = text(
            "description",
            &input.description,
            "a description",
            1,
            2000,
            &mut errors,
        );
        let levels = Levels::parse(input.levels.iter().map(String::as_str))
            .map_err(|e| errors.push(e))
            .ok();
        let facilitator = text(
            "facilitator",
            &input.facilitator,
            "the facilitator's name",
            2,
            80,
            &mut errors,
        );
        let co = text(
            "co_facilitator",
            &input.co_facilitator,
            "the co-facilitator's name",
            0,
            80,
            &mut errors,
        );
        let format = GroupFormat::parse(&input.format);
        let location = text(
            "location",
            &input.location,
            "the room or address",
            0,
            200,
            &mut errors,
        );
        let link = input.virtual_link.trim().to_string();
        match format {
            None => errors.push(AppError::invalid("format", "Choose in person or virtual.")),
            Some(GroupFormat::InPerson) if location.is_empty() => errors.push(AppError::invalid(
                "location",
                "Enter the room or address for an in-person group.",
            )),
            Some(GroupFormat::Virtual)
                if !(link.starts_with("https://")
                    && link.len() > 10
                    && link.len() <= 500
                    && !link.contains(char::is_whitespace)) =>
            {
                errors.push(AppError::invalid(
                    "virtual_link",
                    "Enter the video link, starting with https://.",
                ))
            }
            _ => {}
        }
        let (lo, hi) = CAPACITY_RANGE;
        let capacity = number("capacity", &input.capacity, "the capacity", &mut errors);
        if capacity.is_some_and(|c| !(lo..=hi).contains(&c)) {
            errors.push(AppError::invalid(
                "capacity",
                format!("Capacity must be between {lo} and {hi} people."),
            ));
        }
        let min_size = number("min_size", &input.min_size, "the minimum size", &mut errors);
        if let (Some(min), Some(cap)) = (min_size, capacity) {
            if min < 1 || min > cap {
                errors.push(AppError::invalid(
                    "min_size",
                    "The minimum must be at least 1 and no more than the capacity.",
                ));
            }
        }
        let language = text(
            "language",
            &input.language,
            "the language",
            2,
            40,
            &mut errors,
        );
        let accessibility = text(
            "accessibility",
            &input.accessibility,
            "accessibility notes",
            0,
            500,
            &mut errors,
        );
        let weekdays = Weekdays::parse(input.weekdays.iter().map(String::as_str))
            .map_err(|e| errors.push(e))
            .ok();
        let start = LocalTime::parse(&input.start_time)
            .map_err(|e| errors.push(e))
            .ok();
        let duration = WeeklySchedule::parse_duration(&input.duration_minutes)
            .map_err(|e| errors.push(e))
            .ok();
        AppError::collect(errors)?;
        match (
            kind, levels, format, capacity, min_size, weekdays, start, duration,
        ) {
            (
                Some(kind),
                Some(levels),
                Some(format),
                Some(capacity),
                Some(min_size),
                Some(weekdays),
                Some(start),
                Some(duration_minutes),
            ) => Ok(Self {
                name,
                kind,
                description,
                levels,
                facilitator,
                co_facilitator: (!co.is_empty()).then_some(co),
                location: (format == GroupFormat::InPerson).then_some(location),
                virtual_link: (format == GroupFormat::Virtual).then_some(link),
                format,
                capacity,
                min_size,
                language,
                accessibility,
                is_open: input.is_open,
                schedule: WeeklySchedule {
                    weekdays,
                    start,
                    duration_minutes,
                },
            }),
            _ => Err(AppError::Internal),
        }
    }
}

impl GroupInput {
    /// The form values of an existing group, for the edit form.
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        name: &str,
        kind: GroupKind,
        description: &str,
        levels: Levels,
        facilitator: &str,
        co_facilitator: Option<&str>,
        format: GroupFormat,
        location: Option<&str>,
        virtual_link: Option<&str>,
        capacity: i64,
        min_size: i64,
        language: &str,
        accessibility: &str,
        is_open: bool,
        schedule: WeeklySchedule,
    ) -> Self {
        Self {
            name: name.into(),
            kind: kind.as_str().into(),
            description: description.into(),
            levels: levels
                .to_vec()
                .into_iter()
                .map(|l: LevelOfCare| l.as_str().to_string())
                .collect(),
            facilitator: facilitator.into(),
            co_facilitator: co_facilitator.unwrap_or_default().into(),
            format: format.as_str().into(),
            location: location.unwrap_or_default().into(),
            virtual_link: virtual_link.unwrap_or_default().into(),
            capacity: capacity.to_string(),
            min_size: min_size.to_string(),
            language: language.into(),
            accessibility: accessibility.into(),
            is_open,
            weekdays: WEEKDAYS
                .iter()
                .filter(|(.., d)| schedule.weekdays.contains(*d))
                .map(|(s, ..)| s.to_string())
                .collect(),
            start_time: schedule.start.to_input(),
            duration_minutes: schedule.duration_minutes.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> GroupInput {
        GroupInput {
            name: "Evening DBT".into(),
            kind: "dbt_skills".into(),
            description: "Skills for hard moments.".into(),
            levels: vec!["iop".into()],
            facilitator: "Marcus Lee, LPC".into(),
            co_facilitator: String::new(),
            format: "in_person".into(),
            location: "Room 3".into(),
            virtual_link: String::new(),
            capacity: "10".into(),
            min_size: "3".into(),
            language: "English".into(),
            accessibility: String::new(),
            is_open: true,
            weekdays: vec!["mon".into(), "wed".into()],
            start_time: "18:00".into(),
            duration_minutes: "90".into(),
        }
    }

    #[test]
    fn a_valid_group_parses() {
        let d = GroupDraft::parse(&valid()).unwrap();
        assert_eq!(d.capacity, 10);
        assert_eq!(d.location.as_deref(), Some("Room 3"));
        assert_eq!(d.virtual_link, None);
        assert_eq!(
            d.schedule.describe(),
            "Mondays and Wednesdays, 6:00 PM – 7:30 PM"
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = GroupInput {
            name: "x".into(),
            kind: "nonsense".into(),
            levels: vec![],
            capacity: "100".into(),
            weekdays: vec![],
            start_time: "25:00".into(),
            format: "virtual".into(),
            virtual_link: "http://insecure".into(),
            ..valid()
        };
        let Err(AppError::InvalidFields { fields }) = GroupDraft::parse(&input) else {
            panic!("expected field errors");
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        for f in [
            "name",
            "kind",
            "levels",
            "virtual_link",
            "capacity",
            "weekdays",
            "start_time",
        ] {
            assert!(names.contains(&f), "{f} missing from {names:?}");
        }
        assert!(!names.contains(&"description"));
    }

    #[test]
    fn minimum_cannot_exceed_capacity_and_in_person_needs_a_room() {
        let input = GroupInput {
            min_size: "11".into(),
            location: " ".into(),
            ..valid()
        };
        let Err(e) = GroupDraft::parse(&input) else {
            panic!()
        };
        assert!(e.reason_for("min_size").is_some());
        assert!(e.reason_for("location").is_some());
    }
}
