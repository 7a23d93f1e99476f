//! The demo program's groups and closures.

use crate::domain::group::{GroupFormat, GroupKind, Levels};
use crate::domain::role::LevelOfCare::{self, Alumni, Family, Iop, Php};
use crate::domain::schedule::Weekdays;
use crate::server::repo::groups::{self, GroupFields};
use crate::server::state::AppState;

struct DemoGroup {
    name: &'static str,
    kind: GroupKind,
    levels: &'static [LevelOfCare],
    facilitator: &'static str,
    co: Option<&'static str>,
    format: GroupFormat,
    location: &'static str,
    days: &'static [&'static str],
    start: (i64, i64),
    minutes: i64,
    capacity: i64,
    language: &'static str,
    access: &'static str,
    open: bool,
    about: &'static str,
}

const ACCESS: &str = "Wheelchair accessible; hearing loop; ASL interpreter on request.";
const ONLINE: &str = "Live captions; join by phone or video.";

const DEMO_GROUPS: &[DemoGroup] = &[
    DemoGroup { name: "Morning Check-In Process Group", kind: GroupKind::Process, levels: &[Php], facilitator: "Dana Ruiz, LICSW", co: None, format: GroupFormat::InPerson, location: "Room 2 (Maple)", days: &["mon", "tue", "wed", "thu", "fri"], start: (9, 0), minutes: 90, capacity: 12, language: "English", access: ACCESS, open: true, about: "Start the day together: check in, name what's on your mind, and practise giving and receiving feedback in a supportive group." },
    DemoGroup { name: "DBT Skills: Distress Tolerance", kind: GroupKind::DbtSkills, levels: &[Php, Iop], facilitator: "Marcus Lee, LPC", co: None, format: GroupFormat::InPerson, location: "Room 3 (Birch)", days: &["mon", "wed"], start: (10, 30), minutes: 90, capacity: 10, language: "English", access: ACCESS, open: true, about: "Learn and practise skills for getting through a crisis without making it worse: TIPP, self-soothing, radical acceptance." },
    DemoGroup { name: "CBT for Anxiety and Depression", kind: GroupKind::CbtSkills, levels: &[Iop], facilitator: "Priya Nair, PsyD", co: None, format: GroupFormat::InPerson, location: "Room 1 (Cedar)", days: &["tue", "thu"], start: (18, 0), minutes: 90, capacity: 12, language: "English", access: ACCESS, open: true, about: "Notice unhelpful thinking patterns, test them, and build small behavioural experiments into your week." },
    DemoGroup { name: "Evening IOP Process Group", kind: GroupKind::Process, levels: &[Iop], facilitator: "Dana Ruiz, LICSW", co: Some("Jamal Carter, LCADC"), format: GroupFormat::InPerson, location: "Room 2 (Maple)", days: &["mon", "wed", "thu"], start: (18, 0), minutes: 180, capacity: 12, language: "English", access: ACCESS, open: true, about: "The core of the evening IOP track: check-in, a topic of the day, open discussion and reflection." },
    DemoGroup { name: "Relapse Prevention Workshop", kind: GroupKind::RelapsePrevention, levels: &[Php, Iop], facilitator: "Jamal Carter, LCADC", co: None, format: GroupFormat::InPerson, location: "Room 4 (Oak)", days: &["tue", "fri"], start: (13, 0), minutes: 90, capacity: 12, language: "English", access: ACCESS, open: true, about: "Map your warning signs and triggers, and build a relapse prevention plan you can actually use." },
    DemoGroup { name: "Virtual Relapse Prevention (Evening)", kind: GroupKind::RelapsePrevention, levels: &[Iop], facilitator: "Jamal Carter, LCADC", co: None, format: GroupFormat::Virtual, location: "", days: &["mon", "thu"], start: (19, 0), minutes: 90, capacity: 10, language: "English", access: ONLINE, open: true, about: "Relapse prevention from home: high-risk situations, coping plans, and support between sessions." },
    DemoGroup { name: "Psychoeducation: The Science of Recovery", kind: GroupKind::Psychoeducation, levels: &[Php], facilitator: "Priya Nair, PsyD", co: None, format: GroupFormat::InPerson, location: "Room 1 (Cedar)", days: &["tue", "thu"], start: (11, 0), minutes: 60, capacity: 16, language: "English", access: ACCESS, open: true, about: "What happens in the brain and body during recovery: sleep, stress, cravings, medication and mood." },
    DemoGroup { name: "Mindfulness and Emotion Regulation", kind: GroupKind::DbtSkills, levels: &[Iop], facilitator: "Marcus Lee, LPC", co: None, format: GroupFormat::Virtual, location: "", days: &["wed"], start: (12, 0), minutes: 60, capacity: 12, language: "English", access: ONLINE, open: true, about: "A lunchtime DBT skills group: mindfulness practice and tools for understanding and changing emotions." },
    DemoGroup { name: "Interpersonal Effectiveness (DBT)", kind: GroupKind::DbtSkills, levels: &[Php, Iop], facilitator: "Marcus Lee, LPC", co: None, format: GroupFormat::InPerson, location: "Room 3 (Birch)", days: &["fri"], start: (10, 30), minutes: 90, capacity: 10, language: "English", access: ACCESS, open: true, about: "Ask for what you need, say no, and keep relationships and self-respect: DEAR MAN, GIVE and FAST." },
    DemoGroup { name: "Family Group: Supporting Recovery", kind: GroupKind::Family, levels: &[Family], facilitator: "Angela Brooks, LMFT", co: None, format: GroupFormat::InPerson, location: "Community Room", days: &["wed"], start: (18, 30), minutes: 90, capacity: 20, language: "English", access: ACCESS, open: true, about: "For the people who love someone in treatment: boundaries, communication and caring for yourself." },
    DemoGroup { name: "Family Education Night", kind: GroupKind::Family, levels: &[Family], facilitator: "Angela Brooks, LMFT", co: None, format: GroupFormat::Virtual, location: "", days: &["mon"], start: (19, 0), minutes: 60, capacity: 25, language: "English", access: ONLINE, open: true, about: "A short talk and Q&A each week on a topic families ask about: relapse, enabling, recovery timelines." },
    DemoGroup { name: "Alumni Circle", kind: GroupKind::AlumniPeer, levels: &[Alumni], facilitator: "Chris Morgan, CPRS", co: None, format: GroupFormat::InPerson, location: "Community Room", days: &["sat"], start: (10, 0), minutes: 90, capacity: 15, language: "English", access: ACCESS, open: true, about: "Peer-led support after discharge: share what's working, what's hard, and stay connected." },
    DemoGroup { name: "Alumni Virtual Check-In", kind: GroupKind::AlumniPeer, levels: &[Alumni], facilitator: "Chris Morgan, CPRS", co: None, format: GroupFormat::Virtual, location: "", days: &["tue"], start: (19, 30), minutes: 60, capacity: 20, language: "English", access: ONLINE, open: true, about: "A weekly evening check-in for alumni, wherever you are." },
    DemoGroup { name: "Grupo de Proceso en Español", kind: GroupKind::Process, levels: &[Iop], facilitator: "Lucía Herrera, LCSW", co: None, format: GroupFormat::InPerson, location: "Room 2 (Maple)", days: &["tue", "thu"], start: (17, 30), minutes: 120, capacity: 10, language: "Spanish", access: ACCESS, open: true, about: "Grupo de proceso en español: compartir, escuchar y apoyarnos en la recuperación." },
    DemoGroup { name: "Art Therapy Studio", kind: GroupKind::Other, levels: &[Php], facilitator: "Sam Rivera, ATR-BC", co: None, format: GroupFormat::InPerson, location: "Art Room", days: &["wed", "fri"], start: (14, 0), minutes: 60, capacity: 8, language: "English", access: "Wheelchair accessible; adaptive art tools available.", open: true, about: "Express what's hard to say in words. No art experience needed." },
    DemoGroup { name: "Trauma-Informed Yoga", kind: GroupKind::Other, levels: &[Php, Iop], facilitator: "Jo Kim, RYT", co: None, format: GroupFormat::InPerson, location: "Movement Room", days: &["sat"], start: (11, 30), minutes: 60, capacity: 12, language: "English", access: "Chairs and mats provided; every pose has a seated option.", open: true, about: "Gentle, choice-based movement and breathing. You decide what your body does." },
    DemoGroup { name: "Women's Process Group", kind: GroupKind::Process, levels: &[Iop], facilitator: "Priya Nair, PsyD", co: None, format: GroupFormat::InPerson, location: "Room 1 (Cedar)", days: &["wed"], start: (17, 30), minutes: 90, capacity: 8, language: "English", access: ACCESS, open: false, about: "A closed process group for women in IOP. Staff add members; ask your facilitator." },
    DemoGroup { name: "Anger and Stress Management", kind: GroupKind::CbtSkills, levels: &[Php], facilitator: "Jamal Carter, LCADC", co: None, format: GroupFormat::InPerson, location: "Room 4 (Oak)", days: &["mon", "wed"], start: (14, 0), minutes: 60, capacity: 12, language: "English", access: ACCESS, open: true, about: "Recognise early signs of anger and stress and practise ways to respond instead of react." },
];

const DEMO_CLOSURES: &[(&str, &str)] = &[
    ("2026-11-26", "Thanksgiving"),
    ("2026-12-25", "Christmas Day"),
    ("2027-01-01", "New Year's Day"),
    ("2027-01-18", "Martin Luther King Jr. Day"),
];

/// Inserts the demo groups and closures, then generates their sessions.
pub async fn load(state: &AppState) -> Result<(), crate::error::AppError> {
    for (day, reason) in DEMO_CLOSURES {
        groups::add_closure(&state.db, day, reason).await?;
    }
    let now = state.now();
    for g in DEMO_GROUPS {
        let slug = crate::domain::group::slugify(g.name);
        let weekdays = Weekdays::parse(g.days.iter().copied())?;
        let fields = GroupFields {
            slug: &slug,
            name: g.name,
            kind: g.kind.as_str(),
            description: g.about,
            levels: i64::from(Levels::of(g.levels).0),
            facilitator: g.facilitator,
            co_facilitator: g.co,
            format: g.format.as_str(),
            location: (!g.location.is_empty()).then_some(g.location),
            virtual_link: (g.format == GroupFormat::Virtual)
                .then_some("https://video.example.org/kindred-demo"),
            capacity: g.capacity,
            min_size: 3,
            language: g.language,
            accessibility: g.access,
            is_open: g.open,
            weekdays: i64::from(weekdays.0),
            start_minute: g.start.0 * 60 + g.start.1,
            duration_minutes: g.minutes,
        };
        groups::insert(&state.db, &fields, now).await?;
    }
    crate::server::directory::sync_all(state, "The program's schedule changed").await
}

/// Adds `count` synthetic groups cycling through the demo groups' shapes (for
/// benchmarks: a program of realistic size). Returns how many were added.
pub async fn load_synthetic(state: &AppState, count: u32) -> Result<u32, crate::error::AppError> {
    let now = state.now();
    let mut added = 0;
    for i in 0..count {
        let Some(g) = DEMO_GROUPS.get(usize::try_from(i).unwrap_or(0) % DEMO_GROUPS.len()) else {
            break;
        };
        let name = format!("{} {}", g.name, i + 1);
        let slug = crate::domain::group::slugify(&format!("bench {name}"));
        let weekdays = Weekdays::parse(g.days.iter().copied())?;
        let fields = GroupFields {
            slug: &slug,
            name: &name,
            kind: g.kind.as_str(),
            description: g.about,
            levels: i64::from(Levels::of(g.levels).0),
            facilitator: g.facilitator,
            co_facilitator: g.co,
            format: g.format.as_str(),
            location: (!g.location.is_empty()).then_some(g.location),
            virtual_link: None,
            capacity: g.capacity,
            min_size: 3,
            language: g.language,
            accessibility: g.access,
            is_open: g.open,
            weekdays: i64::from(weekdays.0),
            start_minute: (g.start.0 * 60 + g.start.1 + i64::from(i % 4) * 15) % 1440,
            duration_minutes: g.minutes,
        };
        if groups::insert(&state.db, &fields, now).await?.is_some() {
            added += 1;
        }
    }
    crate::server::directory::sync_all(state, "The program's schedule changed").await?;
    Ok(added)
}
