//! Signups, waitlists and offers. Every change that moves a seat runs in one
//! transaction that first locks the session row (PostgreSQL: `FOR UPDATE`;
//! SQLite: the single writer connection already serializes writes), then
//! changes `group_sessions.taken` only through a conditional update
//! (`taken < capacity`), with the table's CHECK constraint as backstop.
//!
//! `taken` counts the seats held: confirmed signups plus outstanding offers.

use crate::domain::signup::SignupStatus;
use crate::server::db::{Backend, Db};
use crate::{on_reader, on_writer};

/// A signup row.
#[derive(Clone, Debug, sqlx::FromRow, PartialEq, Eq)]
pub struct SignupRow {
    /// Primary key.
    pub id: i64,
    /// The session.
    pub session_id: i64,
    /// The client.
    pub user_id: i64,
    /// Status text (see [`SignupStatus`]).
    pub status: String,
    /// Waitlist order, lower first.
    pub queue_key: i64,
    /// Take a seat automatically when one opens.
    pub auto_accept: bool,
    /// Offer deadline.
    pub offer_expires_at: Option<i64>,
    /// Cancelled inside the late window.
    pub late_cancel: bool,
    /// Attendance text.
    pub attendance: Option<String>,
    /// Added by staff.
    pub added_by_staff: bool,
    /// Staff note.
    pub staff_note: Option<String>,
    /// Waitlist place from 1 (waitlisted rows; 0 otherwise).
    pub position: i64,
}

impl SignupRow {
    /// The parsed status.
    pub fn status(&self) -> SignupStatus {
        SignupStatus::parse(&self.status).unwrap_or(SignupStatus::Cancelled)
    }
}

const SIGNUP_COLUMNS: &str =
    "s.id, s.session_id, s.user_id, s.status, s.queue_key, s.auto_accept, \
    s.offer_expires_at, s.late_cancel, s.attendance, s.added_by_staff, s.staff_note, \
    CASE WHEN s.status = 'waitlisted' THEN (SELECT COUNT(*) FROM signups w \
        WHERE w.session_id = s.session_id AND w.status = 'waitlisted' \
        AND (w.queue_key < s.queue_key OR (w.queue_key = s.queue_key AND w.id <= s.id))) \
    ELSE 0 END AS position";

/// When offers made now run out: `min(now + ttl, cutoff_at)`. No offer is made
/// once the signup cut-off has passed.
#[derive(Clone, Copy, Debug)]
pub struct OfferRules {
    /// Now, epoch seconds.
    pub now: i64,
    /// How long an offer is held, seconds.
    pub ttl: i64,
    /// Seconds before start when signup closes.
    pub cutoff: i64,
}

/// How a join request ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Joined {
    /// They already had an active signup: nothing changed.
    Existing(SignupRow),
    /// A new or renewed signup.
    New(SignupRow),
    /// Staff asked for a seat and none was free.
    Full,
}

/// Someone who gained a seat or an offer when seats were filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilledSeat {
    /// The client.
    pub user_id: i64,
    /// The session.
    pub session_id: i64,
    /// Starts at.
    pub starts_at: i64,
    /// Confirmed (automatic taker) or offered.
    pub status: SignupStatus,
    /// The offer's deadline.
    pub offer_expires_at: Option<i64>,
}

/// Who gained a seat or an offer when seats were filled.
pub type Filled = Vec<FilledSeat>;

/// Locks the session row for the rest of the transaction and returns
/// (starts_at, capacity, taken), or None when it does not exist.
macro_rules! lock_session {
    ($tx:expr, $backend:expr, $session_id:expr) => {{
        let sql = match $backend {
            Backend::Postgres => {
                "SELECT starts_at, capacity, taken FROM group_sessions WHERE id = $1 FOR UPDATE"
            }
            Backend::Sqlite => {
                "SELECT starts_at, capacity, taken FROM group_sessions WHERE id = $1"
            }
        };
        sqlx::query_as::<_, (i64, i64, i64)>(sql)
            .bind($session_id)
            .fetch_optional(&mut *$tx)
            .await?
    }};
}

/// One signup of `user_id` for `session_id`, read inside a transaction.
macro_rules! find_in_tx {
    ($tx:expr, $session_id:expr, $user_id:expr) => {{
        let sql = format!(
            "SELECT {SIGNUP_COLUMNS} FROM signups s WHERE s.session_id = $1 AND s.user_id = $2"
        );
        sqlx::query_as::<_, SignupRow>(&sql)
            .bind($session_id)
            .bind($user_id)
            .fetch_optional(&mut *$tx)
            .await?
    }};
}

/// Gives free seats to the waitlist in order, inside the caller's transaction:
/// automatic takers are confirmed, everyone else is offered the seat until the
/// deadline. Nothing is offered after the signup cut-off.
macro_rules! fill_seats {
    ($tx:expr, $session_id:expr, $starts_at:expr, $rules:expr) => {{
        let rules: OfferRules = $rules;
        let cutoff_at = $starts_at - rules.cutoff;
        let deadline = (rules.now + rules.ttl).min(cutoff_at);
        let mut filled: Filled = Vec::new();
        while deadline > rules.now {
            let next: Option<(i64, i64, bool)> = sqlx::query_as(
                "SELECT id, user_id, auto_accept FROM signups \
                 WHERE session_id = $1 AND status = 'waitlisted' \
                 ORDER BY queue_key, id LIMIT 1",
            )
            .bind($session_id)
            .fetch_optional(&mut *$tx)
            .await?;
            let Some((signup_id, user_id, auto_accept)) = next else {
                break;
            };
            let seat = sqlx::query(
                "UPDATE group_sessions SET taken = taken + 1 WHERE id = $1 AND taken < capacity",
            )
            .bind($session_id)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
            if seat == 0 {
                break;
            }
            let (status, expires) = if auto_accept {
                (SignupStatus::Confirmed, None)
            } else {
                (SignupStatus::Offered, Some(deadline))
            };
            sqlx::query(
                "UPDATE signups SET status = $1, offer_expires_at = $2, updated_at = $3 WHERE id = $4",
            )
            .bind(status.as_str())
            .bind(expires)
            .bind(rules.now)
            .bind(signup_id)
            .execute(&mut *$tx)
            .await?;
            filled.push(FilledSeat {
                user_id,
                session_id: $session_id,
                starts_at: $starts_at,
                status,
                offer_expires_at: expires,
            });
        }
        filled
    }};
}

/// Signs `user_id` up for `session_id`: a seat when one is free and nobody is
/// waiting, otherwise a place at the end of the waitlist. `by_staff` takes a
/// free seat regardless of the waitlist and never waitlists (`Joined::Full`).
/// A retry returns the existing active signup unchanged.
pub async fn join(
    db: &Db,
    session_id: i64,
    user_id: i64,
    auto_accept: bool,
    by_staff: bool,
    rules: OfferRules,
) -> Result<Option<(Joined, Filled)>, sqlx::Error> {
    let backend = db.backend();
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let Some((starts_at, _, _)) = lock_session!(tx, backend, session_id) else {
            return Ok(None);
        };
        let existing = find_in_tx!(tx, session_id, user_id);
        if let Some(row) = existing.as_ref().filter(|r| r.status().is_active()) {
            let row = row.clone();
            tx.commit().await?;
            return Ok(Some((Joined::Existing(row), Vec::new())));
        }
        let seat_sql = if by_staff {
            "UPDATE group_sessions SET taken = taken + 1 WHERE id = $1 AND taken < capacity"
        } else {
            "UPDATE group_sessions SET taken = taken + 1 WHERE id = $1 AND taken < capacity \
             AND NOT EXISTS (SELECT 1 FROM signups WHERE session_id = $1 AND status = 'waitlisted')"
        };
        let seated = sqlx::query(seat_sql)
            .bind(session_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        if by_staff && !seated {
            return Ok(Some((Joined::Full, Vec::new())));
        }
        let status = if seated {
            SignupStatus::Confirmed
        } else {
            SignupStatus::Waitlisted
        };
        let (queue_key,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(queue_key), 0) + 1 FROM signups WHERE session_id = $1",
        )
        .bind(session_id)
        .fetch_one(&mut *tx)
        .await?;
        if existing.is_some() {
            sqlx::query(
                "UPDATE signups SET status = $1, queue_key = $2, auto_accept = $3, offer_expires_at = NULL, \
                 late_cancel = FALSE, attendance = NULL, added_by_staff = $4, staff_note = NULL, updated_at = $5 \
                 WHERE session_id = $6 AND user_id = $7",
            )
            .bind(status.as_str())
            .bind(queue_key)
            .bind(auto_accept)
            .bind(by_staff)
            .bind(rules.now)
            .bind(session_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO signups (session_id, user_id, status, queue_key, auto_accept, added_by_staff, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(session_id)
            .bind(user_id)
            .bind(status.as_str())
            .bind(queue_key)
            .bind(auto_accept)
            .bind(by_staff)
            .bind(rules.now)
            .execute(&mut *tx)
            .await?;
        }
        // Seats left free while people wait (a capacity raised elsewhere) go to them, in order.
        let filled = fill_seats!(tx, session_id, starts_at, rules);
        let row = find_in_tx!(tx, session_id, user_id).ok_or(sqlx::Error::RowNotFound)?;
        tx.commit().await?;
        Ok(Some((Joined::New(row), filled)))
    })
}

/// Why a signup leaves play.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    /// The client cancels (any active status); `late` marks a late cancellation.
    Cancel {
        /// Inside the late-cancellation window.
        late: bool,
    },
    /// The client declines an outstanding offer.
    Decline,
    /// Staff remove them.
    Remove,
}

/// Takes a signup out of play and hands its seat (if it held one) to the
/// waitlist. Returns the row before the change, or None when there was no
/// active signup to change.
pub async fn leave(
    db: &Db,
    session_id: i64,
    user_id: i64,
    how: Leave,
    note: Option<&str>,
    rules: OfferRules,
) -> Result<Option<(SignupRow, Filled)>, sqlx::Error> {
    let backend = db.backend();
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let Some((starts_at, _, _)) = lock_session!(tx, backend, session_id) else {
            return Ok(None);
        };
        let Some(row) = find_in_tx!(tx, session_id, user_id) else {
            return Ok(None);
        };
        let status = row.status();
        let (new_status, late) = match how {
            Leave::Cancel { late } if status.is_active() => (
                SignupStatus::Cancelled,
                late && status == SignupStatus::Confirmed,
            ),
            Leave::Decline if status == SignupStatus::Offered => (SignupStatus::Declined, false),
            Leave::Remove if status.is_active() => (SignupStatus::Removed, false),
            _ => return Ok(None),
        };
        if status.holds_seat() {
            sqlx::query("UPDATE group_sessions SET taken = taken - 1 WHERE id = $1 AND taken > 0")
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "UPDATE signups SET status = $1, offer_expires_at = NULL, late_cancel = $2, \
             staff_note = COALESCE($3, staff_note), updated_at = $4 WHERE id = $5",
        )
        .bind(new_status.as_str())
        .bind(late)
        .bind(note)
        .bind(rules.now)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
        let filled = fill_seats!(tx, session_id, starts_at, rules);
        tx.commit().await?;
        Ok(Some((row, filled)))
    })
}

/// Accepts an outstanding offer that has not run out. Returns the signup after
/// the attempt (confirmed on success), or None when there is none.
pub async fn accept_offer(
    db: &Db,
    session_id: i64,
    user_id: i64,
    now: i64,
) -> Result<Option<(bool, SignupRow)>, sqlx::Error> {
    let backend = db.backend();
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        if lock_session!(tx, backend, session_id).is_none() {
            return Ok(None);
        }
        let accepted = sqlx::query(
            "UPDATE signups SET status = 'confirmed', offer_expires_at = NULL, updated_at = $1 \
             WHERE session_id = $2 AND user_id = $3 AND status = 'offered' AND offer_expires_at > $1",
        )
        .bind(now)
        .bind(session_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        let row = find_in_tx!(tx, session_id, user_id);
        tx.commit().await?;
        Ok(row.map(|r| (accepted, r)))
    })
}

/// Expires every offer whose deadline has passed and passes each seat on to the
/// next person waiting. Returns how many offers expired and who gained what.
pub async fn expire_offers(db: &Db, rules: OfferRules) -> Result<(u64, Filled), sqlx::Error> {
    let backend = db.backend();
    let sessions: Vec<(i64,)> = on_writer!(db, |pool| {
        sqlx::query_as(
            "SELECT DISTINCT session_id FROM signups WHERE status = 'offered' AND offer_expires_at <= $1",
        )
        .bind(rules.now)
        .fetch_all(pool)
        .await
    })?;
    let mut expired = 0;
    let mut all_filled = Vec::new();
    for (session_id,) in sessions {
        let (n, filled) = expire_in_session(db, backend, session_id, rules).await?;
        expired += n;
        all_filled.extend(filled);
    }
    Ok((expired, all_filled))
}

async fn expire_in_session(
    db: &Db,
    backend: Backend,
    session_id: i64,
    rules: OfferRules,
) -> Result<(u64, Filled), sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let Some((starts_at, _, _)) = lock_session!(tx, backend, session_id) else {
            return Ok((0, Vec::new()));
        };
        let n = sqlx::query(
            "UPDATE signups SET status = 'expired', offer_expires_at = NULL, updated_at = $1 \
             WHERE session_id = $2 AND status = 'offered' AND offer_expires_at <= $1",
        )
        .bind(rules.now)
        .bind(session_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("UPDATE group_sessions SET taken = taken - $1 WHERE id = $2")
            .bind(i64::try_from(n).unwrap_or(0))
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        let filled = fill_seats!(tx, session_id, starts_at, rules);
        tx.commit().await?;
        Ok((n, filled))
    })
}

/// Gives free seats to waiting people in every upcoming session where both
/// exist (after a capacity change made through the schedule).
pub async fn fill_all(db: &Db, rules: OfferRules) -> Result<Filled, sqlx::Error> {
    let sessions: Vec<(i64,)> = on_reader!(db, |pool| {
        sqlx::query_as(
            "SELECT gs.id FROM group_sessions gs WHERE gs.starts_at > $1 AND gs.taken < gs.capacity \
             AND gs.cancelled_at IS NULL \
             AND EXISTS (SELECT 1 FROM signups s WHERE s.session_id = gs.id AND s.status = 'waitlisted')",
        )
        .bind(rules.now)
        .fetch_all(pool)
        .await
    })?;
    let mut all = Vec::new();
    for (session_id,) in sessions {
        all.extend(
            set_capacity(db, session_id, None, rules)
                .await?
                .unwrap_or_default(),
        );
    }
    Ok(all)
}

/// Changes a session's capacity (never below the seats held) and fills any
/// seats that opened. `None` only fills. Returns None when the session does not
/// exist or the new capacity is below the seats held.
pub async fn set_capacity(
    db: &Db,
    session_id: i64,
    capacity: Option<i64>,
    rules: OfferRules,
) -> Result<Option<Filled>, sqlx::Error> {
    let backend = db.backend();
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let Some((starts_at, _, taken)) = lock_session!(tx, backend, session_id) else {
            return Ok(None);
        };
        if let Some(capacity) = capacity {
            if capacity < taken {
                return Ok(None);
            }
            sqlx::query("UPDATE group_sessions SET capacity = $1 WHERE id = $2 AND taken <= $1")
                .bind(capacity)
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
        }
        let filled = fill_seats!(tx, session_id, starts_at, rules);
        tx.commit().await?;
        Ok(Some(filled))
    })
}

/// Moves a waiting signup to the front of the waitlist (the reason is audited
/// by the caller). Returns None when it was not on the waitlist.
pub async fn move_to_front(
    db: &Db,
    signup_id: i64,
    rules: OfferRules,
) -> Result<Option<Filled>, sqlx::Error> {
    let backend = db.backend();
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let session: Option<(i64,)> = sqlx::query_as(
            "SELECT session_id FROM signups WHERE id = $1 AND status = 'waitlisted'",
        )
        .bind(signup_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((session_id,)) = session else {
            return Ok(None);
        };
        let Some((starts_at, _, _)) = lock_session!(tx, backend, session_id) else {
            return Ok(None);
        };
        let (front,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MIN(queue_key), 1) FROM signups WHERE session_id = $1 AND status = 'waitlisted'",
        )
        .bind(session_id)
        .fetch_one(&mut *tx)
        .await?;
        let moved = sqlx::query(
            "UPDATE signups SET queue_key = $1, updated_at = $2 WHERE id = $3 AND status = 'waitlisted'",
        )
        .bind(front - 1)
        .bind(rules.now)
        .bind(signup_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !moved {
            return Ok(None);
        }
        let filled = fill_seats!(tx, session_id, starts_at, rules);
        tx.commit().await?;
        Ok(Some(filled))
    })
}

/// Marks attendance on a confirmed signup. Returns whether one was changed.
pub async fn set_attendance(
    db: &Db,
    signup_id: i64,
    attendance: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
            "UPDATE signups SET attendance = $1, updated_at = $2 WHERE id = $3 AND status = 'confirmed'",
        )
        .bind(attendance)
        .bind(now)
        .bind(signup_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected() == 1)
    })
}

/// One signup by id.
pub async fn find(db: &Db, signup_id: i64) -> Result<Option<SignupRow>, sqlx::Error> {
    let sql = format!("SELECT {SIGNUP_COLUMNS} FROM signups s WHERE s.id = $1");
    on_reader!(db, |pool| sqlx::query_as::<_, SignupRow>(&sql)
        .bind(signup_id)
        .fetch_optional(pool)
        .await)
}

/// One client's signup for a session.
pub async fn find_for(
    db: &Db,
    session_id: i64,
    user_id: i64,
) -> Result<Option<SignupRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {SIGNUP_COLUMNS} FROM signups s WHERE s.session_id = $1 AND s.user_id = $2"
    );
    on_reader!(db, |pool| sqlx::query_as::<_, SignupRow>(&sql)
        .bind(session_id)
        .bind(user_id)
        .fetch_optional(pool)
        .await)
}

/// A client's active signups for sessions of one group that have not ended.
pub async fn active_for_group(
    db: &Db,
    user_id: i64,
    group_id: i64,
    now: i64,
) -> Result<Vec<SignupRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {SIGNUP_COLUMNS} FROM signups s JOIN group_sessions gs ON gs.id = s.session_id \
         WHERE s.user_id = $1 AND gs.group_id = $2 AND gs.ends_at > $3 \
         AND s.status IN ('confirmed', 'waitlisted', 'offered')"
    );
    on_reader!(db, |pool| sqlx::query_as::<_, SignupRow>(&sql)
        .bind(user_id)
        .bind(group_id)
        .bind(now)
        .fetch_all(pool)
        .await)
}

/// A signup on a client's schedule, with its session and group.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ScheduleRow {
    /// The signup.
    #[sqlx(flatten)]
    pub signup: SignupRow,
    /// Start.
    pub starts_at: i64,
    /// End.
    pub ends_at: i64,
    /// Topic.
    pub topic: Option<String>,
    /// Cancelled by the program.
    pub cancelled_at: Option<i64>,
    /// Why.
    pub cancel_reason: Option<String>,
    /// Group slug.
    pub slug: String,
    /// Group name.
    pub name: String,
    /// Format text.
    pub format: String,
    /// Room.
    pub location: Option<String>,
    /// Video link.
    pub virtual_link: Option<String>,
}

/// A client's signups (active, or attended) for sessions that end after `from`
/// and start before `to`, soonest first.
pub async fn schedule(
    db: &Db,
    user_id: i64,
    from: i64,
    to: i64,
    active_only: bool,
) -> Result<Vec<ScheduleRow>, sqlx::Error> {
    let statuses = if active_only {
        "('confirmed', 'waitlisted', 'offered')"
    } else {
        "('confirmed')"
    };
    let sql = format!(
        "SELECT {SIGNUP_COLUMNS}, gs.starts_at, gs.ends_at, gs.topic, gs.cancelled_at, gs.cancel_reason, \
                g.slug, g.name, g.format, g.location, g.virtual_link \
         FROM signups s JOIN group_sessions gs ON gs.id = s.session_id JOIN groups g ON g.id = gs.group_id \
         WHERE s.user_id = $1 AND gs.ends_at > $2 AND gs.starts_at < $3 AND s.status IN {statuses} \
         ORDER BY gs.starts_at, s.id"
    );
    on_reader!(db, |pool| sqlx::query_as::<_, ScheduleRow>(&sql)
        .bind(user_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await)
}

/// A roster line: the signup and the client's preferred name.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RosterRow {
    /// The signup.
    #[sqlx(flatten)]
    pub signup: SignupRow,
    /// Preferred name.
    pub preferred_name: String,
}

/// Everyone signed up for a session, in roster order, with late cancellations
/// and removals last.
pub async fn roster(db: &Db, session_id: i64) -> Result<Vec<RosterRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {SIGNUP_COLUMNS}, u.preferred_name FROM signups s JOIN users u ON u.id = s.user_id \
         WHERE s.session_id = $1 AND (s.status IN ('confirmed', 'offered', 'waitlisted', 'removed') OR s.late_cancel) \
         ORDER BY CASE s.status WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END, \
                  CASE WHEN s.status = 'waitlisted' THEN s.queue_key ELSE 0 END, u.preferred_name, s.id"
    );
    on_reader!(db, |pool| sqlx::query_as::<_, RosterRow>(&sql)
        .bind(session_id)
        .fetch_all(pool)
        .await)
}

/// Counts per session for the staff "today" view.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionCounts {
    /// Session.
    pub id: i64,
    /// Start.
    pub starts_at: i64,
    /// Seats.
    pub capacity: i64,
    /// Cancelled by the program.
    pub cancelled_at: Option<i64>,
    /// Group name.
    pub name: String,
    /// Confirmed.
    pub booked: i64,
    /// Waiting.
    pub waitlisted: i64,
    /// Attendance marked.
    pub marked: i64,
}

/// Sessions starting in `[from, to)` with their signup counts.
pub async fn counts_between(
    db: &Db,
    from: i64,
    to: i64,
) -> Result<Vec<SessionCounts>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, SessionCounts>(
        "SELECT gs.id, gs.starts_at, gs.capacity, gs.cancelled_at, g.name, \
                (SELECT COUNT(*) FROM signups s WHERE s.session_id = gs.id AND s.status = 'confirmed') AS booked, \
                (SELECT COUNT(*) FROM signups s WHERE s.session_id = gs.id AND s.status = 'waitlisted') AS waitlisted, \
                (SELECT COUNT(*) FROM signups s WHERE s.session_id = gs.id AND s.status = 'confirmed' \
                    AND s.attendance IS NOT NULL) AS marked \
         FROM group_sessions gs JOIN groups g ON g.id = gs.group_id \
         WHERE gs.starts_at >= $1 AND gs.starts_at < $2 ORDER BY gs.starts_at, g.name"
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
    })
}

/// Upcoming open sessions with free seats, for suggestions: (session id,
/// starts_at, ends_at, seats left, slug, name, levels).
pub type OpenSession = (i64, i64, i64, i64, String, String, i64);

/// Sessions starting in `[from, to)` with a free seat, nobody waiting, in open,
/// active groups, that `user_id` is not signed up for.
pub async fn open_sessions(
    db: &Db,
    user_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<OpenSession>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, OpenSession>(
        "SELECT gs.id, gs.starts_at, gs.ends_at, gs.capacity - gs.taken, g.slug, g.name, g.levels \
         FROM group_sessions gs JOIN groups g ON g.id = gs.group_id \
         WHERE gs.starts_at >= $1 AND gs.starts_at < $2 AND gs.cancelled_at IS NULL AND gs.taken < gs.capacity \
         AND g.archived_at IS NULL AND g.is_open \
         AND NOT EXISTS (SELECT 1 FROM signups w WHERE w.session_id = gs.id AND w.status = 'waitlisted') \
         AND NOT EXISTS (SELECT 1 FROM signups m WHERE m.session_id = gs.id AND m.user_id = $3 \
                         AND m.status IN ('confirmed', 'waitlisted', 'offered')) \
         ORDER BY gs.starts_at LIMIT 50"
    )
    .bind(from)
    .bind(to)
    .bind(user_id)
    .fetch_all(pool)
    .await
    })
}

/// Replaces a client's calendar-feed secret (stored as a hash).
pub async fn set_feed(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at"
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })
}

/// Turns a client's calendar feed off.
pub async fn delete_feed(db: &Db, user_id: i64) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| sqlx::query(
        "DELETE FROM calendar_feeds WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
}

/// Whose feed a secret opens.
pub async fn feed_owner(db: &Db, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64,)>(
        "SELECT user_id FROM calendar_feeds WHERE token_hash = $1"
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await
    .map(|r| r.map(|(id,)| id)))
}

/// Whether a client has a calendar feed.
pub async fn has_feed(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64,)>(
        "SELECT user_id FROM calendar_feeds WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await
    .map(|r| r.is_some()))
}

/// Counts used by invariant tests and health checks: (confirmed, offered,
/// waitlisted, taken, capacity) for one session.
pub async fn seat_counts(
    db: &Db,
    session_id: i64,
) -> Result<(i64, i64, i64, i64, i64), sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64, i64, i64, i64, i64)>(
        "SELECT (SELECT COUNT(*) FROM signups WHERE session_id = $1 AND status = 'confirmed'), \
                (SELECT COUNT(*) FROM signups WHERE session_id = $1 AND status = 'offered'), \
                (SELECT COUNT(*) FROM signups WHERE session_id = $1 AND status = 'waitlisted'), \
                taken, capacity FROM group_sessions WHERE id = $1"
    )
    .bind(session_id)
    .fetch_one(pool)
    .await)
}

/// Ids of sessions starting after `from` in open, active groups that serve any
/// of the levels in `levels` (benchmark set-up).
pub async fn open_session_ids(db: &Db, from: i64, levels: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, (i64,)>(
        "SELECT gs.id FROM group_sessions gs JOIN groups g ON g.id = gs.group_id \
         WHERE gs.starts_at > $1 AND gs.cancelled_at IS NULL AND g.archived_at IS NULL AND g.is_open \
         AND (g.levels & $2) <> 0 ORDER BY gs.starts_at"
    )
    .bind(from)
    .bind(levels)
    .fetch_all(pool)
    .await
    .map(|rows| rows.into_iter().map(|(id,)| id).collect())
    })
}

/// Future sessions of a group with active signups: (starts_at, how many people).
pub async fn future_sessions_with_signups(
    db: &Db,
    group_id: i64,
    now: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, (i64, i64)>(
        "SELECT gs.starts_at, COUNT(s.id) FROM group_sessions gs JOIN signups s ON s.session_id = gs.id \
         WHERE gs.group_id = $1 AND gs.starts_at > $2 AND gs.cancelled_at IS NULL \
         AND s.status IN ('confirmed', 'waitlisted', 'offered') \
         GROUP BY gs.id, gs.starts_at ORDER BY gs.starts_at"
    )
    .bind(group_id)
    .bind(now)
    .fetch_all(pool)
    .await
    })
}
