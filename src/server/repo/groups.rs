//! Groups, closures and concrete sessions.

use crate::server::db::Db;
use crate::{on_reader, on_writer};

/// A group row.
#[derive(Clone, Debug, sqlx::FromRow, PartialEq, Eq)]
pub struct GroupRow {
    /// Primary key.
    pub id: i64,
    /// Stable slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Kind (text).
    pub kind: String,
    /// Description.
    pub description: String,
    /// Levels of care bit mask.
    pub levels: i64,
    /// Facilitator's professional name.
    pub facilitator: String,
    /// Co-facilitator's professional name.
    pub co_facilitator: Option<String>,
    /// Format (text).
    pub format: String,
    /// Room or address (in person).
    pub location: Option<String>,
    /// Video link (virtual); never shown in the directory.
    pub virtual_link: Option<String>,
    /// Seats per session.
    pub capacity: i64,
    /// Minimum to run.
    pub min_size: i64,
    /// Language.
    pub language: String,
    /// Accessibility notes.
    pub accessibility: String,
    /// Open group.
    pub is_open: bool,
    /// Weekday bit mask.
    pub weekdays: i64,
    /// Local start, minutes after midnight.
    pub start_minute: i64,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// Last change.
    pub updated_at: i64,
    /// Archived.
    pub archived_at: Option<i64>,
}

const GROUP_COLUMNS: &str = "g.id, g.slug, g.name, g.kind, g.description, g.levels, g.facilitator, \
    g.co_facilitator, g.format, g.location, g.virtual_link, g.capacity, g.min_size, g.language, \
    g.accessibility, g.is_open, g.weekdays, g.start_minute, g.duration_minutes, g.updated_at, g.archived_at";

/// A group with its next session (not cancelled, not ended).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct GroupWithNext {
    /// The group.
    #[sqlx(flatten)]
    pub group: GroupRow,
    /// Next session id.
    pub next_id: Option<i64>,
    /// Next session start.
    pub next_starts_at: Option<i64>,
    /// Next session end.
    pub next_ends_at: Option<i64>,
    /// Seats left in it.
    pub next_seats_left: Option<i64>,
    /// Its topic.
    pub next_topic: Option<String>,
}

/// Active groups with their next session at `now`.
pub async fn list_active_with_next(db: &Db, now: i64) -> Result<Vec<GroupWithNext>, sqlx::Error> {
    let sql = format!(
        "SELECT {GROUP_COLUMNS}, s.id AS next_id, s.starts_at AS next_starts_at, s.ends_at AS next_ends_at, \
                s.capacity - s.taken AS next_seats_left, s.topic AS next_topic \
         FROM groups g \
         LEFT JOIN group_sessions s ON s.id = ( \
             SELECT s2.id FROM group_sessions s2 \
             WHERE s2.group_id = g.id AND s2.ends_at > $1 AND s2.cancelled_at IS NULL \
             ORDER BY s2.starts_at LIMIT 1) \
         WHERE g.archived_at IS NULL \
         ORDER BY g.name"
    );
    on_reader!(db, |pool| sqlx::query_as::<_, GroupWithNext>(&sql)
        .bind(now)
        .fetch_all(pool)
        .await)
}

/// A group by slug (archived ones too, for staff).
pub async fn find_by_slug(db: &Db, slug: &str) -> Result<Option<GroupRow>, sqlx::Error> {
    let sql = format!("SELECT {GROUP_COLUMNS} FROM groups g WHERE g.slug = $1");
    on_reader!(db, |pool| sqlx::query_as::<_, GroupRow>(&sql)
        .bind(slug)
        .fetch_optional(pool)
        .await)
}

/// A group by id (archived ones too).
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<GroupRow>, sqlx::Error> {
    let sql = format!("SELECT {GROUP_COLUMNS} FROM groups g WHERE g.id = $1");
    on_reader!(db, |pool| sqlx::query_as::<_, GroupRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// All active groups (for session generation).
pub async fn list_active(db: &Db) -> Result<Vec<GroupRow>, sqlx::Error> {
    let sql =
        format!("SELECT {GROUP_COLUMNS} FROM groups g WHERE g.archived_at IS NULL ORDER BY g.id");
    on_reader!(db, |pool| sqlx::query_as::<_, GroupRow>(&sql)
        .fetch_all(pool)
        .await)
}

/// The fields staff edit.
#[derive(Clone, Debug)]
pub struct GroupFields<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Name.
    pub name: &'a str,
    /// Kind.
    pub kind: &'a str,
    /// Description.
    pub description: &'a str,
    /// Levels bit mask.
    pub levels: i64,
    /// Facilitator.
    pub facilitator: &'a str,
    /// Co-facilitator.
    pub co_facilitator: Option<&'a str>,
    /// Format.
    pub format: &'a str,
    /// Room or address.
    pub location: Option<&'a str>,
    /// Video link.
    pub virtual_link: Option<&'a str>,
    /// Capacity.
    pub capacity: i64,
    /// Minimum size.
    pub min_size: i64,
    /// Language.
    pub language: &'a str,
    /// Accessibility notes.
    pub accessibility: &'a str,
    /// Open group.
    pub is_open: bool,
    /// Weekday mask.
    pub weekdays: i64,
    /// Start minute.
    pub start_minute: i64,
    /// Duration.
    pub duration_minutes: i64,
}

/// Inserts a group; `Ok(None)` when the slug is taken.
pub async fn insert(db: &Db, f: &GroupFields<'_>, now: i64) -> Result<Option<i64>, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO groups (slug, name, kind, description, levels, facilitator, co_facilitator, format, \
               location, virtual_link, capacity, min_size, language, accessibility, is_open, weekdays, \
               start_minute, duration_minutes, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) \
             ON CONFLICT (slug) DO NOTHING RETURNING id",
        )
        .bind(f.slug)
        .bind(f.name)
        .bind(f.kind)
        .bind(f.description)
        .bind(f.levels)
        .bind(f.facilitator)
        .bind(f.co_facilitator)
        .bind(f.format)
        .bind(f.location)
        .bind(f.virtual_link)
        .bind(f.capacity)
        .bind(f.min_size)
        .bind(f.language)
        .bind(f.accessibility)
        .bind(f.is_open)
        .bind(f.weekdays)
        .bind(f.start_minute)
        .bind(f.duration_minutes)
        .bind(now)
        .fetch_optional(pool)
        .await
    })
}

/// Updates a group's fields (the slug never changes: links rely on it).
pub async fn update(db: &Db, id: i64, f: &GroupFields<'_>, now: i64) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
            "UPDATE groups SET name = $1, kind = $2, description = $3, levels = $4, facilitator = $5, \
               co_facilitator = $6, format = $7, location = $8, virtual_link = $9, capacity = $10, \
               min_size = $11, language = $12, accessibility = $13, is_open = $14, weekdays = $15, \
               start_minute = $16, duration_minutes = $17, updated_at = $18 WHERE id = $19",
        )
        .bind(f.name)
        .bind(f.kind)
        .bind(f.description)
        .bind(f.levels)
        .bind(f.facilitator)
        .bind(f.co_facilitator)
        .bind(f.format)
        .bind(f.location)
        .bind(f.virtual_link)
        .bind(f.capacity)
        .bind(f.min_size)
        .bind(f.language)
        .bind(f.accessibility)
        .bind(f.is_open)
        .bind(f.weekdays)
        .bind(f.start_minute)
        .bind(f.duration_minutes)
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })
}

/// Archives (or with `None`, restores) a group.
pub async fn set_archived(db: &Db, id: i64, at: Option<i64>) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("UPDATE groups SET archived_at = $1, updated_at = COALESCE($1, updated_at) WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}

/// A concrete session row.
#[derive(Clone, Debug, sqlx::FromRow, PartialEq, Eq)]
pub struct SessionRow {
    /// Primary key.
    pub id: i64,
    /// Group.
    pub group_id: i64,
    /// Start.
    pub starts_at: i64,
    /// End.
    pub ends_at: i64,
    /// Topic of the day.
    pub topic: Option<String>,
    /// Seats.
    pub capacity: i64,
    /// Seats taken.
    pub taken: i64,
    /// Cancelled at.
    pub cancelled_at: Option<i64>,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
}

const SESSION_COLUMNS: &str =
    "id, group_id, starts_at, ends_at, topic, capacity, taken, cancelled_at, cancel_reason";

/// Sessions of a group that end after `after`, in order.
pub async fn sessions_after(
    db: &Db,
    group_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM group_sessions WHERE group_id = $1 AND ends_at > $2 ORDER BY starts_at LIMIT $3"
    );
    on_reader!(db, |pool| {
        sqlx::query_as::<_, SessionRow>(&sql)
            .bind(group_id)
            .bind(after)
            .bind(limit)
            .fetch_all(pool)
            .await
    })
}

/// A session by id.
pub async fn find_session(db: &Db, id: i64) -> Result<Option<SessionRow>, sqlx::Error> {
    let sql = format!("SELECT {SESSION_COLUMNS} FROM group_sessions WHERE id = $1");
    on_reader!(db, |pool| sqlx::query_as::<_, SessionRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// What a schedule sync changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Sessions created.
    pub added: u64,
    /// Future sessions without signups removed because the schedule no longer has them.
    pub removed: u64,
    /// Future sessions the schedule no longer has but that have signups: kept for staff to resolve.
    pub kept_with_signups: Vec<i64>,
}

/// Makes the future sessions of a group match `occurrences` (start, end) in one
/// transaction: missing ones are created, ones no longer scheduled are removed
/// unless someone signed up for them. Past sessions are never touched.
pub async fn sync_sessions(
    db: &Db,
    group_id: i64,
    capacity: i64,
    occurrences: &[(i64, i64)],
    now: i64,
) -> Result<SyncReport, sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let mut report = SyncReport::default();
        let existing: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT gs.id, gs.starts_at, (SELECT COUNT(*) FROM signups s WHERE s.session_id = gs.id \
             AND s.status IN ('confirmed', 'waitlisted', 'offered')) \
             FROM group_sessions gs WHERE gs.group_id = $1 AND gs.starts_at > $2",
        )
        .bind(group_id)
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        for (id, starts_at, active_signups) in &existing {
            if occurrences.iter().any(|(s, _)| s == starts_at) {
                continue;
            }
            if *active_signups == 0 {
                report.removed += sqlx::query("DELETE FROM group_sessions WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            } else {
                report.kept_with_signups.push(*id);
            }
        }
        for (starts_at, ends_at) in occurrences.iter().filter(|(s, _)| *s > now) {
            report.added += sqlx::query(
                "INSERT INTO group_sessions (group_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (group_id, starts_at) DO UPDATE SET ends_at = excluded.ends_at \
                 WHERE group_sessions.ends_at <> excluded.ends_at",
            )
            .bind(group_id)
            .bind(starts_at)
            .bind(ends_at)
            .bind(capacity)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        // Capacity changes apply to future sessions, never below the seats already taken.
        sqlx::query(
            "UPDATE group_sessions SET capacity = CASE WHEN taken > $1 THEN taken ELSE $1 END \
             WHERE group_id = $2 AND starts_at > $3",
        )
        .bind(capacity)
        .bind(group_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(report)
    })
}

/// Cancels (with a reason) or restores (`None`) one session.
pub async fn set_session_cancelled(
    db: &Db,
    session_id: i64,
    at: Option<i64>,
    reason: Option<&str>,
) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("UPDATE group_sessions SET cancelled_at = $1, cancel_reason = $2 WHERE id = $3")
            .bind(at)
            .bind(reason)
            .bind(session_id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}

/// Sets (or clears) the topic of one session.
pub async fn set_session_topic(
    db: &Db,
    session_id: i64,
    topic: Option<&str>,
) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("UPDATE group_sessions SET topic = $1 WHERE id = $2")
            .bind(topic)
            .bind(session_id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}

/// Program closure days (YYYY-MM-DD) on or after `from_day`.
pub async fn closures_from(db: &Db, from_day: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, (String, String)>(
            "SELECT day, reason FROM closures WHERE day >= $1 ORDER BY day",
        )
        .bind(from_day)
        .fetch_all(pool)
        .await
    })
}

/// Adds a closure day.
pub async fn add_closure(db: &Db, day: &str, reason: &str) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("INSERT INTO closures (day, reason) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET reason = excluded.reason")
            .bind(day)
            .bind(reason)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}

/// Removes a closure day.
pub async fn remove_closure(db: &Db, day: &str) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query("DELETE FROM closures WHERE day = $1")
            .bind(day)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}
