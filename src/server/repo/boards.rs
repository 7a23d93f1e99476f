//! Peer-support boards: boards, threads, posts, reactions, reports and the
//! moderation queue. No IP address is stored anywhere here.

use crate::server::db::Db;
use crate::{on_reader, on_writer};

/// A board row with its thread count.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BoardRow {
    /// Id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Levels-of-care bit mask that may read and post.
    pub levels: i64,
    /// Threads.
    pub threads: i64,
}

const BOARD_SQL: &str = "SELECT b.id, b.slug, b.name, b.description, b.levels, \
    (SELECT COUNT(*) FROM board_threads t WHERE t.board_id = b.id) AS threads FROM boards b";

/// The program's default boards, created once on an empty table.
pub async fn ensure_defaults(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    const DEFAULTS: [(&str, &str, &str, i64); 5] = [
        ("community", "Program community", "For everyone in PHP and IOP: share what's working, ask for support, cheer each other on.", 3),
        ("php", "PHP check-in", "For clients in the partial hospitalization program.", 1),
        ("iop", "IOP check-in", "For clients in the intensive outpatient program.", 2),
        ("alumni", "Alumni", "For alumni staying connected after discharge.", 4),
        ("family", "Family and friends", "For family members supporting someone in treatment.", 8),
    ];
    on_writer!(db, |pool| {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM boards")
            .fetch_one(pool)
            .await?;
        if count > 0 {
            return Ok(());
        }
        for (slug, name, description, levels) in DEFAULTS {
            sqlx::query(
                "INSERT INTO boards (slug, name, description, levels, created_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (slug) DO NOTHING",
            )
            .bind(slug)
            .bind(name)
            .bind(description)
            .bind(levels)
            .bind(now)
            .execute(pool)
            .await?;
        }
        Ok(())
    })
}

/// Every board.
pub async fn list(db: &Db) -> Result<Vec<BoardRow>, sqlx::Error> {
    let sql = format!("{BOARD_SQL} ORDER BY b.id");
    on_reader!(db, |pool| sqlx::query_as::<_, BoardRow>(&sql)
        .fetch_all(pool)
        .await)
}

/// A board by slug.
pub async fn find(db: &Db, slug: &str) -> Result<Option<BoardRow>, sqlx::Error> {
    let sql = format!("{BOARD_SQL} WHERE b.slug = $1");
    on_reader!(db, |pool| sqlx::query_as::<_, BoardRow>(&sql)
        .bind(slug)
        .fetch_optional(pool)
        .await)
}

/// A board by id.
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<BoardRow>, sqlx::Error> {
    let sql = format!("{BOARD_SQL} WHERE b.id = $1");
    on_reader!(db, |pool| sqlx::query_as::<_, BoardRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// Whether a user accepted this guidelines version.
pub async fn has_accepted(db: &Db, user_id: i64, version: i64) -> Result<bool, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64,)>(
        "SELECT user_id FROM board_guideline_acks WHERE user_id = $1 AND version = $2"
    )
    .bind(user_id)
    .bind(version)
    .fetch_optional(pool)
    .await
    .map(|r| r.is_some()))
}

/// Records acceptance of a guidelines version.
pub async fn accept(db: &Db, user_id: i64, version: i64, now: i64) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| sqlx::query(
        "INSERT INTO board_guideline_acks (user_id, version, acknowledged_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, version) DO NOTHING"
    )
    .bind(user_id)
    .bind(version)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// A thread row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThreadRow {
    /// Id.
    pub id: i64,
    /// Board.
    pub board_id: i64,
    /// Title.
    pub title: String,
    /// Starter.
    pub author_id: i64,
    /// Last post.
    pub last_activity_at: i64,
    /// Locked.
    pub locked_at: Option<i64>,
    /// Visible replies.
    pub replies: i64,
}

const THREAD_SQL: &str = "SELECT t.id, t.board_id, t.title, t.author_id, t.last_activity_at, t.locked_at, \
    (SELECT COUNT(*) FROM board_posts p WHERE p.thread_id = t.id AND p.status = 'visible' AND p.deleted_at IS NULL) - 1 AS replies \
    FROM board_threads t";

/// Posts of thread `t` that reader `$R` has not seen: visible, by someone
/// else they have not muted, newer than their read mark. `$R` is replaced by
/// the reader's parameter number.
const UNSEEN_POSTS: &str = "FROM board_posts p WHERE p.thread_id = t.id AND p.status = 'visible' \
    AND p.deleted_at IS NULL AND p.author_id <> $R \
    AND p.author_id NOT IN (SELECT m.muted_user_id FROM board_mutes m WHERE m.user_id = $R) \
    AND p.id > COALESCE((SELECT r.last_read_post_id FROM board_reads r \
        WHERE r.user_id = $R AND r.thread_id = t.id), 0)";

/// A thread in a reader's list, with what is new to them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ListedThread {
    /// The thread.
    #[sqlx(flatten)]
    pub thread: ThreadRow,
    /// Posts the reader has not seen.
    pub unread: i64,
    /// The first of those.
    pub first_unread: Option<i64>,
    /// Whether the reader has opened the thread before (0 or 1).
    pub seen: i64,
}

/// A page of a board's threads, newest activity first, with what is new to `reader`.
pub async fn threads(
    db: &Db,
    board_id: i64,
    reader: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<ListedThread>, sqlx::Error> {
    let unseen = UNSEEN_POSTS.replace("$R", "$4");
    let sql = THREAD_SQL.replacen(
        " FROM board_threads t",
        &format!(
            ", (SELECT COUNT(*) {unseen}) AS unread, (SELECT MIN(p.id) {unseen}) AS first_unread, \
             (SELECT COUNT(*) FROM board_reads r WHERE r.user_id = $4 AND r.thread_id = t.id) AS seen \
             FROM board_threads t"
        ),
        1,
    ) + " WHERE t.board_id = $1 ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $2 OFFSET $3";
    on_reader!(db, |pool| sqlx::query_as::<_, ListedThread>(&sql)
        .bind(board_id)
        .bind(limit)
        .bind(offset)
        .bind(reader)
        .fetch_all(pool)
        .await)
}

/// Per board, how many threads hold posts `reader` has not seen: (board id, threads).
pub async fn unread_threads_by_board(db: &Db, reader: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT t.board_id, COUNT(*) FROM board_threads t WHERE EXISTS (SELECT 1 {}) GROUP BY t.board_id",
        UNSEEN_POSTS.replace("$R", "$1")
    );
    on_reader!(db, |pool| sqlx::query_as::<_, (i64, i64)>(&sql)
        .bind(reader)
        .fetch_all(pool)
        .await)
}

/// The newest post `reader` had seen in a thread, if they opened it before.
pub async fn read_mark(db: &Db, reader: i64, thread_id: i64) -> Result<Option<i64>, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64,)>(
        "SELECT last_read_post_id FROM board_reads WHERE user_id = $1 AND thread_id = $2"
    )
    .bind(reader)
    .bind(thread_id)
    .fetch_optional(pool)
    .await
    .map(|r| r.map(|(id,)| id)))
}

/// Moves a reader's mark forward to `post_id` (never back).
pub async fn mark_read(
    db: &Db,
    reader: i64,
    thread_id: i64,
    post_id: i64,
) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| {
        sqlx::query(
        "INSERT INTO board_reads (user_id, thread_id, last_read_post_id) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_post_id = excluded.last_read_post_id \
         WHERE board_reads.last_read_post_id < excluded.last_read_post_id"
    )
    .bind(reader)
    .bind(thread_id)
    .bind(post_id)
    .execute(pool)
    .await
    .map(|_| ())
    })
}

/// A thread by id.
pub async fn thread(db: &Db, id: i64) -> Result<Option<ThreadRow>, sqlx::Error> {
    let sql = format!("{THREAD_SQL} WHERE t.id = $1");
    on_reader!(db, |pool| sqlx::query_as::<_, ThreadRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// A post row with its author's role.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PostRow {
    /// Id.
    pub id: i64,
    /// Thread.
    pub thread_id: i64,
    /// Author (server-side only).
    pub author_id: i64,
    /// Author's role text.
    pub author_role: String,
    /// Text.
    pub body: String,
    /// Posted.
    pub created_at: i64,
    /// visible / hidden / removed.
    pub status: String,
    /// Crisis language.
    pub crisis: bool,
    /// Content warnings bit mask.
    pub warnings: i64,
    /// Edited at.
    pub edited_at: Option<i64>,
    /// Deleted by its author at.
    pub deleted_at: Option<i64>,
}

const POST_SQL: &str =
    "SELECT p.id, p.thread_id, p.author_id, u.role AS author_role, p.body, p.created_at, \
    p.status, p.crisis, p.warnings, p.edited_at, p.deleted_at FROM board_posts p JOIN users u ON u.id = p.author_id";

/// A thread's posts, oldest first.
pub async fn posts(db: &Db, thread_id: i64) -> Result<Vec<PostRow>, sqlx::Error> {
    let sql = format!("{POST_SQL} WHERE p.thread_id = $1 ORDER BY p.id");
    on_reader!(db, |pool| sqlx::query_as::<_, PostRow>(&sql)
        .bind(thread_id)
        .fetch_all(pool)
        .await)
}

/// One post.
pub async fn post(db: &Db, id: i64) -> Result<Option<PostRow>, sqlx::Error> {
    let sql = format!("{POST_SQL} WHERE p.id = $1");
    on_reader!(db, |pool| sqlx::query_as::<_, PostRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// Reactions on a thread's posts: (post id, user id, kind).
pub async fn reactions(db: &Db, thread_id: i64) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT r.post_id, r.user_id, r.kind FROM board_reactions r \
         JOIN board_posts p ON p.id = r.post_id WHERE p.thread_id = $1"
    )
    .bind(thread_id)
    .fetch_all(pool)
    .await)
}

/// A post about to be written.
#[derive(Clone, Copy, Debug)]
pub struct NewPost<'a> {
    /// The author (kept server-side only).
    pub author_id: i64,
    /// The text.
    pub body: &'a str,
    /// It matched crisis language.
    pub crisis: bool,
    /// Content warnings bit mask.
    pub warnings: i64,
    /// Now.
    pub now: i64,
}

/// Puts a post in the staff crisis queue (again, if it was resolved before),
/// inside the caller's transaction.
macro_rules! queue_crisis {
    ($tx:expr, $post_id:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO moderation_items (post_id, kind, created_at) VALUES ($1, 'crisis', $2) \
             ON CONFLICT (post_id, kind) DO UPDATE SET resolved_at = NULL, resolved_by = NULL, \
             created_at = excluded.created_at",
        )
        .bind($post_id)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

/// Inserts a post in the caller's transaction, queueing it for staff when it
/// matched crisis language; evaluates to the new post's id.
macro_rules! insert_post {
    ($tx:expr, $thread_id:expr, $post:expr) => {{
        let post: &NewPost<'_> = $post;
        let (post_id,): (i64,) = sqlx::query_as(
            "INSERT INTO board_posts (thread_id, author_id, body, created_at, crisis, warnings) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind($thread_id)
        .bind(post.author_id)
        .bind(post.body)
        .bind(post.now)
        .bind(post.crisis)
        .bind(post.warnings)
        .fetch_one(&mut *$tx)
        .await?;
        if post.crisis {
            queue_crisis!($tx, post_id, post.now);
        }
        post_id
    }};
}

/// Starts a thread with its first post; a crisis post also gets a queue item,
/// in the same transaction. Returns (thread id, post id).
pub async fn start_thread(
    db: &Db,
    board_id: i64,
    title: &str,
    post: &NewPost<'_>,
) -> Result<(i64, i64), sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let (thread_id,): (i64,) = sqlx::query_as(
            "INSERT INTO board_threads (board_id, title, author_id, created_at, last_activity_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(board_id)
        .bind(title)
        .bind(post.author_id)
        .bind(post.now)
        .fetch_one(&mut *tx)
        .await?;
        let post_id = insert_post!(tx, thread_id, post);
        tx.commit().await?;
        Ok((thread_id, post_id))
    })
}

/// Replies to an unlocked thread (crisis posts queued in the same
/// transaction). Returns the post id, or None when the thread is locked or gone.
pub async fn reply(
    db: &Db,
    thread_id: i64,
    post: &NewPost<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let open = sqlx::query(
            "UPDATE board_threads SET last_activity_at = $1 WHERE id = $2 AND locked_at IS NULL",
        )
        .bind(post.now)
        .bind(thread_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !open {
            return Ok(None);
        }
        let post_id = insert_post!(tx, thread_id, post);
        tx.commit().await?;
        Ok(Some(post_id))
    })
}

/// Posts by a user since `since`, oldest first (creation times), for rate limits.
pub async fn posts_since(db: &Db, author_id: i64, since: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, (i64,)>(
        "SELECT created_at FROM board_posts WHERE author_id = $1 AND created_at > $2 ORDER BY created_at"
    )
    .bind(author_id)
    .bind(since)
    .fetch_all(pool)
    .await
    .map(|r| r.into_iter().map(|(t,)| t).collect())
    })
}

/// Reports by a user since `since`, oldest first, for rate limits.
pub async fn reports_since(db: &Db, reporter_id: i64, since: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, (i64,)>(
        "SELECT created_at FROM board_reports WHERE reporter_id = $1 AND created_at > $2 ORDER BY created_at"
    )
    .bind(reporter_id)
    .bind(since)
    .fetch_all(pool)
    .await
    .map(|r| r.into_iter().map(|(t,)| t).collect())
    })
}

/// Adds or removes a reaction; returns whether it is now on.
pub async fn toggle_reaction(
    db: &Db,
    post_id: i64,
    user_id: i64,
    kind: &str,
) -> Result<bool, sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let removed = sqlx::query(
            "DELETE FROM board_reactions WHERE post_id = $1 AND user_id = $2 AND kind = $3",
        )
        .bind(post_id)
        .bind(user_id)
        .bind(kind)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if removed == 0 {
            sqlx::query("INSERT INTO board_reactions (post_id, user_id, kind) VALUES ($1, $2, $3)")
                .bind(post_id)
                .bind(user_id)
                .bind(kind)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(removed == 0)
    })
}

/// Records a report (one per person per post) and hides the post, queueing it
/// for staff, once `hide_at` distinct people have reported it. Returns
/// (distinct reporters, whether this report hid it).
pub async fn report(
    db: &Db,
    post_id: i64,
    reporter_id: i64,
    reason: &str,
    note: Option<&str>,
    hide_at: i64,
    now: i64,
) -> Result<(i64, bool), sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO board_reports (post_id, reporter_id, reason, note, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (post_id, reporter_id) DO NOTHING",
        )
        .bind(post_id)
        .bind(reporter_id)
        .bind(reason)
        .bind(note)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM board_reports WHERE post_id = $1")
                .bind(post_id)
                .fetch_one(&mut *tx)
                .await?;
        let mut hid = false;
        if count >= hide_at {
            hid = sqlx::query(
                "UPDATE board_posts SET status = 'hidden' WHERE id = $1 AND status = 'visible'",
            )
            .bind(post_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if hid {
                sqlx::query(
                    "INSERT INTO moderation_items (post_id, kind, created_at) VALUES ($1, 'reports', $2) \
                     ON CONFLICT (post_id, kind) DO UPDATE SET resolved_at = NULL, resolved_by = NULL, created_at = excluded.created_at",
                )
                .bind(post_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok((count, hid))
    })
}

/// An open queue item with its post and thread.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueRow {
    /// Item id.
    pub item_id: i64,
    /// crisis / reports.
    pub kind: String,
    /// Queued at.
    pub queued_at: i64,
    /// The post.
    #[sqlx(flatten)]
    pub post: PostRow,
    /// Thread title.
    pub title: String,
    /// Board name.
    pub board_name: String,
}

/// Open queue items: crisis first, then oldest first.
pub async fn queue(db: &Db) -> Result<Vec<QueueRow>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, QueueRow>(
        "SELECT m.id AS item_id, m.kind, m.created_at AS queued_at, p.id, p.thread_id, p.author_id, u.role AS author_role, p.body, \
                p.created_at, p.status, p.crisis, p.warnings, p.edited_at, p.deleted_at, t.title, b.name AS board_name \
         FROM moderation_items m JOIN board_posts p ON p.id = m.post_id JOIN users u ON u.id = p.author_id \
         JOIN board_threads t ON t.id = p.thread_id JOIN boards b ON b.id = t.board_id \
         WHERE m.resolved_at IS NULL \
         ORDER BY CASE m.kind WHEN 'crisis' THEN 0 ELSE 1 END, m.created_at, m.id"
    )
    .fetch_all(pool)
    .await
    })
}

/// Report reasons with counts for a post.
pub async fn report_counts(db: &Db, post_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    on_reader!(db, |pool| {
        sqlx::query_as::<_, (String, i64)>(
        "SELECT reason, COUNT(*) FROM board_reports WHERE post_id = $1 GROUP BY reason ORDER BY reason"
    )
    .bind(post_id)
    .fetch_all(pool)
    .await
    })
}

/// Staff decision on a post: restore (visible, its reports cleared) or remove
/// (with a reason). Resolves its open queue items and logs the action, in one
/// transaction. Returns false when the post does not exist.
pub async fn moderate(
    db: &Db,
    post_id: i64,
    staff_id: i64,
    remove: bool,
    reason: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let found = if remove {
            sqlx::query(
                "UPDATE board_posts SET status = 'removed', removal_reason = $1 WHERE id = $2",
            )
            .bind(reason)
            .bind(post_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
        } else {
            sqlx::query("DELETE FROM board_reports WHERE post_id = $1")
                .bind(post_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE board_posts SET status = 'visible', removal_reason = NULL WHERE id = $1",
            )
            .bind(post_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
        } == 1;
        if !found {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE moderation_items SET resolved_at = $1, resolved_by = $2 WHERE post_id = $3 AND resolved_at IS NULL",
        )
        .bind(now)
        .bind(staff_id)
        .bind(post_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO moderation_log (at, actor_id, action, post_id, reason) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(now)
        .bind(staff_id)
        .bind(if remove { "post.removed" } else { "post.restored" })
        .bind(post_id)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Locks or unlocks a thread and logs it. Returns false when it does not exist.
pub async fn set_locked(
    db: &Db,
    thread_id: i64,
    staff_id: i64,
    locked: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let found = sqlx::query("UPDATE board_threads SET locked_at = $1 WHERE id = $2")
            .bind(locked.then_some(now))
            .bind(thread_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        if found {
            sqlx::query(
                "INSERT INTO moderation_log (at, actor_id, action, thread_id) VALUES ($1, $2, $3, $4)",
            )
            .bind(now)
            .bind(staff_id)
            .bind(if locked { "thread.locked" } else { "thread.unlocked" })
            .bind(thread_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(found)
    })
}

/// The newest moderation log entries: (at, actor name, action, reason).
pub async fn recent_log(
    db: &Db,
    limit: i64,
) -> Result<Vec<(i64, String, String, Option<String>)>, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<
        _,
        (i64, String, String, Option<String>),
    >(
        "SELECT l.at, u.preferred_name, l.action, l.reason FROM moderation_log l \
         JOIN users u ON u.id = l.actor_id ORDER BY l.id DESC LIMIT $1"
    )
    .bind(limit)
    .fetch_all(pool)
    .await)
}

/// The author edits their post inside the window (`since` = earliest creation
/// time allowed). A crisis match re-queues it for staff in the same transaction.
/// Returns whether it was changed.
pub async fn edit_post(
    db: &Db,
    post_id: i64,
    author_id: i64,
    body: &str,
    crisis: bool,
    since: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on_writer!(db, |pool| {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE board_posts SET body = $1, edited_at = $2, crisis = (crisis OR $3) \
             WHERE id = $4 AND author_id = $5 AND created_at >= $6 AND deleted_at IS NULL AND status = 'visible'",
        )
        .bind(body)
        .bind(now)
        .bind(crisis)
        .bind(post_id)
        .bind(author_id)
        .bind(since)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed && crisis {
            queue_crisis!(tx, post_id, now);
        }
        tx.commit().await?;
        Ok(changed)
    })
}

/// The author deletes their post inside the window: its text is erased.
pub async fn delete_post(
    db: &Db,
    post_id: i64,
    author_id: i64,
    since: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on_writer!(db, |pool| sqlx::query(
        "UPDATE board_posts SET body = '', deleted_at = $1 \
         WHERE id = $2 AND author_id = $3 AND created_at >= $4 AND deleted_at IS NULL"
    )
    .bind(now)
    .bind(post_id)
    .bind(author_id)
    .bind(since)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1))
}

/// Mutes the author of a post for `user_id` (never themselves). Returns whether
/// a new mute was recorded.
pub async fn mute_author_of(
    db: &Db,
    user_id: i64,
    post_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on_writer!(db, |pool| sqlx::query(
        "INSERT INTO board_mutes (user_id, muted_user_id, created_at) \
         SELECT $1, author_id, $3 FROM board_posts WHERE id = $2 AND author_id <> $1 \
         ON CONFLICT (user_id, muted_user_id) DO NOTHING"
    )
    .bind(user_id)
    .bind(post_id)
    .bind(now)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1))
}

/// The people a user has muted (ids stay on the server).
pub async fn muted(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64,)>(
        "SELECT muted_user_id FROM board_mutes WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
    .map(|r| r.into_iter().map(|(id,)| id).collect()))
}

/// Unmutes everyone a user muted.
pub async fn unmute_all(db: &Db, user_id: i64) -> Result<u64, sqlx::Error> {
    on_writer!(db, |pool| sqlx::query(
        "DELETE FROM board_mutes WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
}

/// A reader's blur preference (bit mask), if set.
pub async fn blur_pref(db: &Db, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    on_reader!(db, |pool| sqlx::query_as::<_, (i64,)>(
        "SELECT blur FROM board_prefs WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await
    .map(|r| r.map(|(b,)| b)))
}

/// Saves a reader's blur preference.
pub async fn set_blur_pref(db: &Db, user_id: i64, blur: i64) -> Result<(), sqlx::Error> {
    on_writer!(db, |pool| sqlx::query(
        "INSERT INTO board_prefs (user_id, blur) VALUES ($1, $2) \
         ON CONFLICT (user_id) DO UPDATE SET blur = excluded.blur"
    )
    .bind(user_id)
    .bind(blur)
    .execute(pool)
    .await
    .map(|_| ()))
}
