//! Peer-support boards: access by role and level of care, per-thread
//! pseudonyms, posting with crisis and privacy checks, reactions, reports,
//! rate limits and staff moderation.

use crate::domain::board::{
    pseudonym_from_hex, BoardPage, BoardSummary, ContentWarning, ModerationItem,
    ModerationLogEntry, ModerationQueue, PostOutcome, PostState, PostView, Reaction, ReportReason,
    ThreadPage, ThreadSummary, EDIT_WINDOW_MINUTES, GUIDELINES_VERSION, REPORTS_TO_HIDE,
};
use crate::domain::group::Levels;
use crate::domain::role::Role;
use crate::domain::schedule::describe_start;
use crate::error::{AppError, AppResult, FieldError};
use crate::server::auth::{Principal, Staff};
use crate::server::directory::program_tz;
use crate::server::repo::boards::{self, BoardRow, PostRow, ThreadRow};
use crate::server::repo::{audit, notices, users};
use crate::server::safety;
use crate::server::state::AppState;

/// Threads per board page.
pub const THREADS_PER_PAGE: i64 = 20;
/// Posts a client may make per window.
pub const POSTS_PER_WINDOW: usize = 6;
/// The posting window, seconds.
pub const POST_WINDOW_SECS: i64 = 10 * 60;
/// Reports a client may make per day.
pub const REPORTS_PER_DAY: usize = 20;

/// The pseudonym of `user_id` in `thread_id`: stable within the thread,
/// unrelated across threads (a keyed hash under the server's secret).
pub fn pseudonym(state: &AppState, user_id: i64, thread_id: i64) -> String {
    pseudonym_from_hex(&state.server_key.keyed_hash(&[
        "board-pseudonym",
        &user_id.to_string(),
        &thread_id.to_string(),
    ]))
}

fn may_read(board: &BoardRow, who: &Principal) -> bool {
    who.role.is_staff()
        || who
            .level_of_care
            .is_some_and(|l| Levels(u8::try_from(board.levels).unwrap_or(0)).contains(l))
}

fn summary(board: &BoardRow, unread_threads: i64) -> BoardSummary {
    BoardSummary {
        slug: board.slug.clone(),
        name: board.name.clone(),
        description: board.description.clone(),
        threads: board.threads,
        unread_threads,
    }
}

async fn accepted(state: &AppState, who: &Principal) -> AppResult<bool> {
    Ok(who.role.is_staff()
        || boards::has_accepted(&state.db, who.user_id.0, GUIDELINES_VERSION).await?)
}

/// The boards this person may read.
pub async fn list(state: &AppState, who: &Principal) -> AppResult<Vec<BoardSummary>> {
    let unread = boards::unread_threads_by_board(&state.db, who.user_id.0).await?;
    Ok(boards::list(&state.db)
        .await?
        .iter()
        .filter(|b| may_read(b, who))
        .map(|b| {
            let n = unread
                .iter()
                .find(|(board, _)| *board == b.id)
                .map_or(0, |(_, n)| *n);
            summary(b, n)
        })
        .collect())
}

async fn board_for(state: &AppState, who: &Principal, slug: &str) -> AppResult<BoardRow> {
    boards::find(&state.db, slug)
        .await?
        .filter(|b| may_read(b, who))
        .ok_or(AppError::NotFound)
}

async fn thread_for(
    state: &AppState,
    who: &Principal,
    thread_id: i64,
) -> AppResult<(ThreadRow, BoardRow)> {
    let thread = boards::thread(&state.db, thread_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let board = boards::find_by_id(&state.db, thread.board_id)
        .await?
        .filter(|b| may_read(b, who))
        .ok_or(AppError::NotFound)?;
    Ok((thread, board))
}

/// A board with one page of threads.
pub async fn board_page(
    state: &AppState,
    who: &Principal,
    slug: &str,
    page: i64,
) -> AppResult<BoardPage> {
    let board = board_for(state, who, slug).await?;
    let pages = ((board.threads + THREADS_PER_PAGE - 1) / THREADS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let now = state.now();
    let tz = program_tz(state);
    let me = who.user_id.0;
    let listed = boards::threads(
        &state.db,
        board.id,
        me,
        THREADS_PER_PAGE,
        (page - 1) * THREADS_PER_PAGE,
    )
    .await?;
    let unread_threads = board_unread(state, me, board.id).await?;
    let threads = listed
        .into_iter()
        .map(|l| {
            let t = l.thread;
            let mine = t.author_id == me;
            ThreadSummary {
                id: t.id,
                title: t.title,
                replies: t.replies.max(0),
                last_activity: describe_start(t.last_activity_at, now, &tz),
                locked: t.locked_at.is_some(),
                mine,
                new_thread: l.seen == 0 && !mine && l.unread > 0,
                unread: l.unread,
                first_unread: l.first_unread,
            }
        })
        .collect();
    Ok(BoardPage {
        board: summary(&board, unread_threads),
        accepted_guidelines: accepted(state, who).await?,
        blur: ContentWarning::from_mask(blur_mask(state, who).await?),
        muted_people: i64::try_from(boards::muted(&state.db, who.user_id.0).await?.len())
            .unwrap_or(0),
        threads,
        page,
        pages,
    })
}

/// How many of a board's threads hold posts this reader has not seen.
async fn board_unread(state: &AppState, reader: i64, board_id: i64) -> AppResult<i64> {
    Ok(boards::unread_threads_by_board(&state.db, reader)
        .await?
        .into_iter()
        .find(|(board, _)| *board == board_id)
        .map_or(0, |(_, n)| n))
}

fn author_of(state: &AppState, p: &PostRow) -> (String, bool) {
    match Role::parse(&p.author_role) {
        Some(role) if role.is_staff() => ("Facilitator".to_string(), true),
        _ => (pseudonym(state, p.author_id, p.thread_id), false),
    }
}

/// The warnings this reader wants blurred (all of them until they choose).
async fn blur_mask(state: &AppState, who: &Principal) -> AppResult<i64> {
    Ok(boards::blur_pref(&state.db, who.user_id.0)
        .await?
        .unwrap_or_else(|| ContentWarning::mask(&ContentWarning::ALL)))
}

fn state_of(p: &PostRow) -> PostState {
    if p.deleted_at.is_some() {
        return PostState::Deleted;
    }
    match p.status.as_str() {
        "visible" => PostState::Visible,
        "hidden" => PostState::UnderReview,
        _ => PostState::Removed,
    }
}

/// A thread as this person may see it: hidden posts only to their author
/// ("under review") and staff; removed posts as placeholders.
pub async fn thread_page(
    state: &AppState,
    who: &Principal,
    thread_id: i64,
) -> AppResult<ThreadPage> {
    let (thread, board) = thread_for(state, who, thread_id).await?;
    let staff = who.role.is_staff();
    let now = state.now();
    let tz = program_tz(state);
    let reactions = boards::reactions(&state.db, thread_id).await?;
    let me = who.user_id.0;
    let muted = boards::muted(&state.db, me).await?;
    let blur = blur_mask(state, who).await?;
    let edit_since = now - EDIT_WINDOW_MINUTES * 60;
    let all = boards::posts(&state.db, thread_id).await?;
    // Markers only on a return visit: on the first, everything is new.
    let read_mark = boards::read_mark(&state.db, me, thread_id).await?;
    if let Some(newest) = all.iter().map(|p| p.id).max() {
        if read_mark.is_none_or(|mark| mark < newest) {
            boards::mark_read(&state.db, me, thread_id, newest).await?;
        }
    }
    let muted_posts =
        i64::try_from(all.iter().filter(|p| muted.contains(&p.author_id)).count()).unwrap_or(0);
    let posts = all
        .into_iter()
        .filter(|p| staff || p.status != "hidden" || p.author_id == me)
        .filter(|p| !muted.contains(&p.author_id))
        .map(|p| {
            let mine = p.author_id == me;
            let (author, by_staff) = author_of(state, &p);
            let post_state = state_of(&p);
            let here: Vec<(i64, Reaction)> = reactions
                .iter()
                .filter(|(post, ..)| *post == p.id)
                .filter_map(|(_, user, kind)| Reaction::parse(kind).map(|k| (*user, k)))
                .collect();
            PostView {
                id: p.id,
                author,
                by_staff,
                is_starter: p.author_id == thread.author_id,
                mine,
                body: if (post_state == PostState::Removed && !staff)
                    || post_state == PostState::Deleted
                {
                    String::new()
                } else {
                    p.body.clone()
                },
                warnings: ContentWarning::from_mask(p.warnings),
                blurred: !mine && p.warnings & blur != 0,
                edited: p.edited_at.is_some(),
                can_edit: mine && post_state == PostState::Visible && p.created_at >= edit_since,
                unread: !mine
                    && post_state == PostState::Visible
                    && read_mark.is_some_and(|mark| p.id > mark),
                when: describe_start(p.created_at, now, &tz),
                state: post_state,
                my_reactions: here
                    .iter()
                    .filter(|(u, _)| *u == me)
                    .map(|(_, k)| *k)
                    .collect(),
                reaction_counts: if mine {
                    Reaction::ALL
                        .iter()
                        .map(|k| {
                            (
                                *k,
                                i64::try_from(here.iter().filter(|(_, r)| r == k).count())
                                    .unwrap_or(0),
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                crisis: staff && p.crisis,
            }
        })
        .collect();
    Ok(ThreadPage {
        board_slug: board.slug,
        board_name: board.name,
        id: thread.id,
        title: thread.title,
        locked: thread.locked_at.is_some(),
        posts,
        accepted_guidelines: accepted(state, who).await?,
        viewer_is_staff: staff,
        muted_posts,
    })
}

/// Records that the client accepted the current guidelines.
pub async fn accept_guidelines(state: &AppState, who: &Principal) -> AppResult<()> {
    boards::accept(&state.db, who.user_id.0, GUIDELINES_VERSION, state.now()).await?;
    Ok(())
}

/// Refuses with 429 and the wait when `times` (oldest first, inside the
/// window) already holds `limit` actions.
fn rate_limit(times: &[i64], limit: usize, window: i64, now: i64) -> AppResult<()> {
    if times.len() < limit {
        return Ok(());
    }
    let oldest = times[times.len() - limit];
    let wait = (oldest + window - now).max(1);
    Err(AppError::TooManyAttempts {
        retry_after_secs: u64::try_from(wait).unwrap_or(60),
    })
}

/// Checks a draft: length, guidelines accepted, rate limit, private details
/// (unless confirmed). Returns the trimmed body.
async fn check_draft(
    state: &AppState,
    who: &Principal,
    title: Option<&str>,
    body: &str,
    confirm_private: bool,
    new_post: bool,
) -> AppResult<String> {
    if !accepted(state, who).await? {
        return Err(AppError::refused(
            "Please read and accept the community guidelines before your first post.",
        ));
    }
    let now = state.now();
    if new_post && !who.role.is_staff() {
        let recent = boards::posts_since(&state.db, who.user_id.0, now - POST_WINDOW_SECS).await?;
        rate_limit(&recent, POSTS_PER_WINDOW, POST_WINDOW_SECS, now)?;
    }
    let body = body.trim().replace("\r\n", "\n");
    let mut errors = Vec::new();
    if let Some(title) = title {
        let n = title.trim().chars().count();
        if !(3..=120).contains(&n) {
            errors.push(AppError::invalid(
                "title",
                "Give your post a title of 3 to 120 characters.",
            ));
        }
    }
    let n = body.chars().count();
    if n == 0 || n > 5000 {
        errors.push(AppError::invalid(
            "body",
            "Write something (up to 5,000 characters).",
        ));
    }
    AppError::collect(errors)?;
    let text = format!("{} {body}", title.unwrap_or_default());
    let found = safety::private_details(&text);
    if !found.is_empty() && !confirm_private && !who.role.is_staff() {
        let what: Vec<&str> = found.iter().map(|d| d.label()).collect();
        return Err(AppError::InvalidFields {
            fields: vec![
                FieldError {
                    field: "body".into(),
                    reason: format!(
                        "This looks like it includes {}. To protect you and others, remove it — or confirm below if it is safe to share.",
                        what.join(" and ")
                    ),
                },
                FieldError {
                    field: "confirm_private".into(),
                    reason: "Post it anyway: I'm sure this doesn't identify anyone.".into(),
                },
            ],
        });
    }
    Ok(body)
}

/// Starts a thread on a board.
pub async fn start_thread(
    state: &AppState,
    who: &Principal,
    slug: &str,
    title: &str,
    body: &str,
    warnings: &[ContentWarning],
    confirm_private: bool,
) -> AppResult<PostOutcome> {
    let board = board_for(state, who, slug).await?;
    let body = check_draft(state, who, Some(title), body, confirm_private, true).await?;
    let title = title.trim();
    let crisis = safety::is_crisis(&format!("{title}\n{body}"));
    let (thread_id, post_id) = boards::start_thread(
        &state.db,
        board.id,
        title,
        &boards::NewPost {
            author_id: who.user_id.0,
            body: &body,
            crisis,
            warnings: ContentWarning::mask(warnings),
            now: state.now(),
        },
    )
    .await?;
    Ok(PostOutcome {
        thread_id,
        post_id,
        crisis,
    })
}

/// Replies to a thread.
pub async fn reply(
    state: &AppState,
    who: &Principal,
    thread_id: i64,
    body: &str,
    warnings: &[ContentWarning],
    confirm_private: bool,
) -> AppResult<PostOutcome> {
    thread_for(state, who, thread_id).await?;
    let body = check_draft(state, who, None, body, confirm_private, true).await?;
    let crisis = safety::is_crisis(&body);
    let post_id = boards::reply(
        &state.db,
        thread_id,
        &boards::NewPost {
            author_id: who.user_id.0,
            body: &body,
            crisis,
            warnings: ContentWarning::mask(warnings),
            now: state.now(),
        },
    )
    .await?
    .ok_or_else(|| AppError::refused("This thread is closed to new replies."))?;
    Ok(PostOutcome {
        thread_id,
        post_id,
        crisis,
    })
}

async fn visible_post(state: &AppState, who: &Principal, post_id: i64) -> AppResult<PostRow> {
    let post = boards::post(&state.db, post_id)
        .await?
        .ok_or(AppError::NotFound)?;
    thread_for(state, who, post.thread_id).await?;
    if post.status != "visible" && !who.role.is_staff() {
        return Err(AppError::NotFound);
    }
    Ok(post)
}

/// Adds or takes back a supportive reaction; returns whether it is now on.
pub async fn react(state: &AppState, who: &Principal, post_id: i64, kind: &str) -> AppResult<bool> {
    let kind = Reaction::parse(kind)
        .ok_or_else(|| AppError::invalid("reaction", "Choose one of the reactions."))?;
    visible_post(state, who, post_id).await?;
    Ok(boards::toggle_reaction(&state.db, post_id, who.user_id.0, kind.as_str()).await?)
}

/// Reports a post. Three different people hide it pending review; one person
/// reporting again counts once.
pub async fn report(
    state: &AppState,
    who: &Principal,
    post_id: i64,
    reason: &str,
    note: &str,
) -> AppResult<()> {
    let reason = ReportReason::parse(reason)
        .ok_or_else(|| AppError::invalid("reason", "Choose why you are reporting this post."))?;
    let note = note.trim();
    if reason == ReportReason::Other && note.is_empty() {
        return Err(AppError::invalid(
            "note",
            "Tell staff briefly what is wrong.",
        ));
    }
    if note.chars().count() > 500 {
        return Err(AppError::invalid(
            "note",
            "Keep the note under 500 characters.",
        ));
    }
    let post = visible_post(state, who, post_id).await?;
    if post.author_id == who.user_id.0 {
        return Err(AppError::refused("You can't report your own post."));
    }
    let now = state.now();
    if !who.role.is_staff() {
        let recent = boards::reports_since(&state.db, who.user_id.0, now - 86_400).await?;
        rate_limit(&recent, REPORTS_PER_DAY, 86_400, now)?;
    }
    boards::report(
        &state.db,
        post_id,
        who.user_id.0,
        reason.as_str(),
        (!note.is_empty()).then_some(note),
        REPORTS_TO_HIDE,
        now,
    )
    .await?;
    Ok(())
}

/// Staff: the moderation queue and log.
pub async fn queue(state: &AppState) -> AppResult<ModerationQueue> {
    let now = state.now();
    let tz = program_tz(state);
    let mut items = Vec::new();
    for row in boards::queue(&state.db).await? {
        let reports = boards::report_counts(&state.db, row.post.id)
            .await?
            .into_iter()
            .map(|(r, n)| {
                (
                    ReportReason::parse(&r).map_or(r, |r| r.label().to_string()),
                    n,
                )
            })
            .collect();
        items.push(ModerationItem {
            id: row.item_id,
            kind: row.kind.clone(),
            post_id: row.post.id,
            thread_id: row.post.thread_id,
            thread_title: row.title.clone(),
            board_name: row.board_name.clone(),
            body: row.post.body.clone(),
            author: author_of(state, &row.post).0,
            state: state_of(&row.post),
            reports,
            queued: describe_start(row.queued_at, now, &tz),
        });
    }
    let log = boards::recent_log(&state.db, 30)
        .await?
        .into_iter()
        .map(|(at, actor, action, reason)| ModerationLogEntry {
            when: describe_start(at, now, &tz),
            actor,
            action,
            reason,
        })
        .collect();
    Ok(ModerationQueue { items, log })
}

/// Staff: restores a post or removes it with a reason (its author gets a private notice).
pub async fn moderate(
    state: &AppState,
    staff: &Staff,
    post_id: i64,
    action: &str,
    reason: &str,
) -> AppResult<()> {
    let remove = match action {
        "remove" => true,
        "restore" => false,
        _ => return Err(AppError::invalid("action", "Choose restore or remove.")),
    };
    let reason = reason.trim();
    if remove && (reason.is_empty() || reason.chars().count() > 200) {
        return Err(AppError::invalid(
            "reason",
            "Give a short reason (up to 200 characters); the author sees it.",
        ));
    }
    let post = boards::post(&state.db, post_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.now();
    let reason_opt = (!reason.is_empty()).then_some(reason);
    if !boards::moderate(
        &state.db,
        post_id,
        staff.0.user_id.0,
        remove,
        reason_opt,
        now,
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    if remove {
        notices::add(
            &state.db,
            &[(
                post.author_id,
                format!("Staff removed one of your posts on the peer boards: {reason}"),
            )],
            now,
        )
        .await?;
    }
    Ok(())
}

/// Staff: locks or reopens a thread.
pub async fn lock(state: &AppState, staff: &Staff, thread_id: i64, locked: bool) -> AppResult<()> {
    if !boards::set_locked(&state.db, thread_id, staff.0.user_id.0, locked, state.now()).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Staff: who wrote a post, with a written reason; audited.
pub async fn reveal(
    state: &AppState,
    staff: &Staff,
    post_id: i64,
    reason: &str,
) -> AppResult<String> {
    let reason = reason.trim();
    if reason.chars().count() < 10 || reason.chars().count() > 300 {
        return Err(AppError::invalid(
            "reason",
            "Write why you need to know who wrote this (10 to 300 characters); it is recorded.",
        ));
    }
    let post = boards::post(&state.db, post_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = users::find_by_id(&state.db, crate::domain::ids::UserId(post.author_id))
        .await?
        .ok_or(AppError::NotFound)?;
    audit::append(
        &state.db,
        state.now(),
        Some(staff.0.user_id),
        "board.author_revealed",
        Some(&format!("post:{post_id}")),
        Some(reason),
    )
    .await?;
    Ok(format!("{} <{}>", user.preferred_name, user.email))
}

/// The author edits their own post within the edit window.
pub async fn edit(
    state: &AppState,
    who: &Principal,
    post_id: i64,
    body: &str,
    confirm_private: bool,
) -> AppResult<PostOutcome> {
    let post = visible_post(state, who, post_id).await?;
    if post.author_id != who.user_id.0 {
        return Err(AppError::Forbidden);
    }
    let body = check_draft(state, who, None, body, confirm_private, false).await?;
    let crisis = safety::is_crisis(&body);
    let now = state.now();
    let since = now - EDIT_WINDOW_MINUTES * 60;
    if !boards::edit_post(&state.db, post_id, who.user_id.0, &body, crisis, since, now).await? {
        return Err(AppError::refused(format!(
            "Posts can be edited for {EDIT_WINDOW_MINUTES} minutes after posting."
        )));
    }
    Ok(PostOutcome {
        thread_id: post.thread_id,
        post_id,
        crisis,
    })
}

/// The author deletes their own post within the edit window.
pub async fn delete(state: &AppState, who: &Principal, post_id: i64) -> AppResult<()> {
    let post = boards::post(&state.db, post_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if post.author_id != who.user_id.0 {
        return Err(AppError::Forbidden);
    }
    let now = state.now();
    let since = now - EDIT_WINDOW_MINUTES * 60;
    if !boards::delete_post(&state.db, post_id, who.user_id.0, since, now).await? {
        return Err(AppError::refused(format!(
            "Posts can be deleted for {EDIT_WINDOW_MINUTES} minutes after posting. Ask staff to remove an older one."
        )));
    }
    Ok(())
}

/// Hides every post by the author of `post_id` from this reader, in every
/// thread, without telling the reader who that is.
pub async fn mute(state: &AppState, who: &Principal, post_id: i64) -> AppResult<()> {
    visible_post(state, who, post_id).await?;
    boards::mute_author_of(&state.db, who.user_id.0, post_id, state.now()).await?;
    Ok(())
}

/// Shows everyone again.
pub async fn unmute_all(state: &AppState, who: &Principal) -> AppResult<()> {
    boards::unmute_all(&state.db, who.user_id.0).await?;
    Ok(())
}

/// Saves which content warnings this reader wants blurred.
pub async fn set_blur(state: &AppState, who: &Principal, blur: &[String]) -> AppResult<()> {
    let warnings = ContentWarning::parse_all(blur)
        .ok_or_else(|| AppError::invalid("blur", "Choose from the listed content warnings."))?;
    boards::set_blur_pref(&state.db, who.user_id.0, ContentWarning::mask(&warnings)).await?;
    Ok(())
}
