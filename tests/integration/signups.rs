//! Session signup: capacity under concurrency, waitlists and offers with an
//! injectable clock, the rules clients meet, and what each role may see.

use crate::support::*;
use kindred::domain::role::{LevelOfCare, Role};
use kindred::domain::signup::SignupStatus;
use kindred::error::AppError;
use kindred::server::auth::Principal;
use kindred::server::repo::groups::{self, GroupFields};
use kindred::server::repo::signups;
use kindred::server::signup;
use std::sync::Arc;
use tokio::sync::Barrier;

/// A one-session group starting `starts_in` seconds after now. Levels: IOP (2).
async fn session_group(
    app: &TestApp,
    slug: &str,
    capacity: i64,
    open: bool,
    starts_in: i64,
) -> (i64, i64) {
    let now = app.state.now();
    let fields = GroupFields {
        slug,
        name: "Signup Test Group",
        kind: "process",
        description: "d",
        levels: 2,
        facilitator: "Dana Ruiz, LICSW",
        co_facilitator: None,
        format: "virtual",
        location: None,
        virtual_link: Some("https://video.example/room-42"),
        capacity: capacity.max(2),
        min_size: 1,
        language: "English",
        accessibility: "",
        is_open: open,
        weekdays: 1,
        start_minute: 600,
        duration_minutes: 60,
    };
    let group_id = groups::insert(&app.state.db, &fields, now)
        .await
        .unwrap()
        .unwrap();
    let start = now + starts_in;
    groups::sync_sessions(
        &app.state.db,
        group_id,
        capacity.max(2),
        &[(start, start + 3600)],
        now,
    )
    .await
    .unwrap();
    let session = groups::sessions_after(&app.state.db, group_id, now, 1)
        .await
        .unwrap()[0]
        .id;
    (group_id, session)
}

/// `n` clients at a level of care, inserted directly (no password hashing).
async fn clients(app: &TestApp, prefix: &str, n: usize, level: LevelOfCare) -> Vec<Principal> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("{prefix}{i}@test.kindred.care");
        let name = format!("Client {i} Tester");
        let id = insert_client(app, &email, &name, level).await;
        out.push(Principal {
            user_id: id,
            role: Role::Client,
            level_of_care: Some(level),
            preferred_name: name,
            email,
            session_hash: String::new(),
        });
    }
    out
}

fn status_of(
    app_state: &kindred::server::state::AppState,
    session: i64,
    p: &Principal,
) -> impl std::future::Future<Output = Option<SignupStatus>> {
    let db = app_state.db.clone();
    let user = p.user_id.0;
    async move {
        signups::find_for(&db, session, user)
            .await
            .unwrap()
            .map(|r| r.status())
    }
}

/// Confirmed + offered equals `taken`, which never exceeds capacity.
async fn assert_seats_consistent(app: &TestApp, session: i64) -> (i64, i64, i64) {
    let (confirmed, offered, waitlisted, taken, capacity) =
        signups::seat_counts(&app.state.db, session).await.unwrap();
    assert_eq!(confirmed + offered, taken, "taken counts held seats");
    assert!(taken <= capacity, "overbooked: {taken} > {capacity}");
    (confirmed, offered, waitlisted)
}

const DAY: i64 = 86_400;

both_backends! {
    async fn a_thousand_simultaneous_signups_fill_twelve_seats_and_waitlist_the_rest(app) {
        let (_, session) = session_group(&app, "rush", 12, true, 2 * DAY).await;
        let people = clients(&app, "rush", 1000, LevelOfCare::Iop).await;
        let barrier = Arc::new(Barrier::new(people.len()));
        let mut tasks = Vec::new();
        for p in people {
            let state = app.state.clone();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                signup::sign_up(&state, &p, session, false).await
            }));
        }
        let mut confirmed = 0;
        let mut positions = Vec::new();
        for t in tasks {
            let outcome = t.await.unwrap().expect("every signup succeeds");
            match outcome.seat.status {
                SignupStatus::Confirmed => confirmed += 1,
                SignupStatus::Waitlisted => positions.push(outcome.seat.position.unwrap()),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(confirmed, 12);
        assert_eq!(positions.len(), 988);
        positions.sort_unstable();
        assert_eq!(positions, (1..=988).collect::<Vec<i64>>(), "each waitlist place given once");
        assert_eq!(assert_seats_consistent(&app, session).await, (12, 0, 988));
    }

    async fn fifty_parallel_signups_by_one_client_make_one_signup(app) {
        let (_, session) = session_group(&app, "double-tap", 12, true, 2 * DAY).await;
        let me = clients(&app, "tap", 1, LevelOfCare::Iop).await.remove(0);
        let barrier = Arc::new(Barrier::new(50));
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let (state, me, barrier) = (app.state.clone(), me.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                signup::sign_up(&state, &me, session, false).await
            }));
        }
        let mut changed = 0;
        for t in tasks {
            let outcome = t.await.unwrap().expect("a retry is not an error");
            assert_eq!(outcome.seat.status, SignupStatus::Confirmed);
            changed += usize::from(outcome.changed);
        }
        assert_eq!(changed, 1, "one request made the signup; the rest returned it");
        assert_eq!(assert_seats_consistent(&app, session).await, (1, 0, 0));
    }

    async fn cancellations_racing_signups_keep_capacity_and_offer_in_order(app) {
        let (_, session) = session_group(&app, "race", 12, true, 3 * DAY).await;
        let seated = clients(&app, "seated", 12, LevelOfCare::Iop).await;
        let waiting = clients(&app, "waiting", 20, LevelOfCare::Iop).await;
        let newcomers = clients(&app, "new", 100, LevelOfCare::Iop).await;
        for p in seated.iter().chain(&waiting) {
            signup::sign_up(&app.state, p, session, false).await.unwrap();
        }
        let barrier = Arc::new(Barrier::new(110));
        let mut tasks = Vec::new();
        for p in &seated[..10] {
            let p = p.clone();
            let (state, barrier) = (app.state.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                signup::cancel(&state, &p, session).await.map(|_| ())
            }));
        }
        for p in &newcomers {
            let p = p.clone();
            let (state, barrier) = (app.state.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                signup::sign_up(&state, &p, session, false).await.map(|_| ())
            }));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        let (confirmed, offered, waitlisted) = assert_seats_consistent(&app, session).await;
        assert_eq!((confirmed, offered, waitlisted), (2, 10, 110));
        // The ten freed seats were offered to the first ten who were waiting, in order.
        for (i, p) in waiting.iter().enumerate() {
            let expected = if i < 10 { SignupStatus::Offered } else { SignupStatus::Waitlisted };
            assert_eq!(status_of(&app.state, session, p).await, Some(expected), "waiting #{i}");
        }
        for p in &newcomers {
            assert_eq!(status_of(&app.state, session, p).await, Some(SignupStatus::Waitlisted));
        }
    }

    async fn offers_expire_and_cascade_on_the_clock(app) {
        let (_, session) = session_group(&app, "cascade", 2, true, 2 * DAY).await;
        let people = clients(&app, "c", 6, LevelOfCare::Iop).await;
        let [a, b, w1, w2, w3, w4] = <[Principal; 6]>::try_from(people).ok().unwrap();
        for p in [&a, &b, &w1, &w2, &w3] {
            signup::sign_up(&app.state, p, session, false).await.unwrap();
        }
        let auto = signup::sign_up(&app.state, &w4, session, true).await.unwrap();
        assert_eq!(auto.seat.position, Some(4));

        signup::cancel(&app.state, &a, session).await.unwrap();
        assert_eq!(status_of(&app.state, session, &w1).await, Some(SignupStatus::Offered));
        let told = signup::notices(&app.state, &w1).await.unwrap();
        assert_eq!(told.len(), 1);
        assert!(told[0].body.starts_with("A seat opened up for your session on Wed, Nov 25 at"), "{}", told[0].body);
        assert!(!told[0].body.contains("Signup Test Group"), "notices never name the group");
        let seat = signups::find_for(&app.state.db, session, w1.user_id.0).await.unwrap().unwrap();
        assert_eq!(seat.offer_expires_at, Some(app.state.now() + 2 * 3600), "held for two hours");

        // Nothing expires early.
        app.clock.advance(2 * 3600 - 1);
        assert_eq!(signup::expire_offers(&app.state).await.unwrap(), 0);
        // Unanswered: it expires and passes to the next person.
        app.clock.advance(2);
        assert_eq!(signup::expire_offers(&app.state).await.unwrap(), 1);
        assert_eq!(status_of(&app.state, session, &w1).await, Some(SignupStatus::Expired));
        assert_eq!(status_of(&app.state, session, &w2).await, Some(SignupStatus::Offered));
        // A late accept of the expired offer is refused with a clear message.
        let late = signup::accept(&app.state, &w1, session).await.unwrap_err();
        assert!(matches!(late, AppError::Refused { .. }), "{late:?}");

        // Declining passes it on at once.
        signup::decline(&app.state, &w2, session).await.unwrap();
        assert_eq!(status_of(&app.state, session, &w3).await, Some(SignupStatus::Offered));
        let accepted = signup::accept(&app.state, &w3, session).await.unwrap();
        assert_eq!(accepted.status, SignupStatus::Confirmed);

        // The next free seat goes straight to the automatic taker.
        signup::cancel(&app.state, &b, session).await.unwrap();
        assert_eq!(status_of(&app.state, session, &w4).await, Some(SignupStatus::Confirmed));
        assert_eq!(assert_seats_consistent(&app, session).await, (2, 0, 0));
    }

    async fn offers_never_outlast_the_signup_cutoff(app) {
        // Starts in 2.5 h; signup closes 1 h before, so an offer made now lasts 1.5 h.
        let (_, session) = session_group(&app, "soon", 2, true, 9000).await;
        let people = clients(&app, "s", 3, LevelOfCare::Iop).await;
        for p in &people {
            signup::sign_up(&app.state, p, session, false).await.unwrap();
        }
        signup::cancel(&app.state, &people[0], session).await.unwrap();
        let offer = signups::find_for(&app.state.db, session, people[2].user_id.0).await.unwrap().unwrap();
        assert_eq!(offer.offer_expires_at, Some(app.state.now() + 5400));
        assert!(signup::cancel(&app.state, &people[1], session).await.unwrap().status == SignupStatus::Cancelled);
    }

    async fn signup_rules_are_enforced_with_clear_messages(app) {
        let (_, session) = session_group(&app, "rules", 10, true, 2 * DAY).await;
        let (_, closed) = session_group(&app, "closed", 10, false, 2 * DAY).await;
        let (_, soon) = session_group(&app, "too-soon", 10, true, 1800).await;
        let php = clients(&app, "php", 1, LevelOfCare::Php).await.remove(0);
        let iop = clients(&app, "iop", 1, LevelOfCare::Iop).await.remove(0);

        let wrong_level = signup::sign_up(&app.state, &php, session, false).await.unwrap_err();
        assert!(wrong_level.to_string().starts_with("This group is for IOP clients."), "{wrong_level}");
        let closed_err = signup::sign_up(&app.state, &iop, closed, false).await.unwrap_err();
        assert!(closed_err.to_string().contains("closed group"), "{closed_err}");
        let late_err = signup::sign_up(&app.state, &iop, soon, false).await.unwrap_err();
        assert!(late_err.to_string().contains("closed 1 hour before"), "{late_err}");
        assert_eq!(late_err.status(), 409);
        for s in [session, closed, soon] {
            assert_eq!(assert_seats_consistent(&app, s).await, (0, 0, 0), "refusals change nothing");
        }

        // Cancelling within 24 hours of the start is recorded as late.
        signup::sign_up(&app.state, &iop, session, false).await.unwrap();
        app.clock.advance(DAY + 3600);
        signup::cancel(&app.state, &iop, session).await.unwrap();
        let row = signups::find_for(&app.state.db, session, iop.user_id.0).await.unwrap().unwrap();
        assert!(row.late_cancel);
        // Signing up again works and clears it; after the start nothing can be cancelled.
        signup::sign_up(&app.state, &iop, session, false).await.unwrap();
        app.clock.advance(DAY);
        let started = signup::cancel(&app.state, &iop, session).await.unwrap_err();
        assert!(started.to_string().contains("already started"), "{started}");
    }

    async fn overlapping_sessions_are_a_warning_not_a_refusal(app) {
        let (_, first) = session_group(&app, "first", 10, true, 2 * DAY).await;
        let (_, second) = session_group(&app, "second", 10, true, 2 * DAY + 1800).await;
        let me = clients(&app, "o", 1, LevelOfCare::Iop).await.remove(0);
        let a = signup::sign_up(&app.state, &me, first, false).await.unwrap();
        assert!(a.overlaps.is_empty());
        let b = signup::sign_up(&app.state, &me, second, false).await.unwrap();
        assert_eq!(b.seat.status, SignupStatus::Confirmed);
        assert_eq!(b.overlaps.len(), 1, "{:?}", b.overlaps);
    }

    async fn staff_run_the_roster_and_every_view_is_audited(app) {
        let app = app.with_demo().await;
        let (_, session) = session_group(&app, "roster", 2, false, 2 * DAY).await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let people = clients(&app, "r", 3, LevelOfCare::Iop).await;
        let sid = session.to_string();
        // Closed group: staff add members.
        for p in &people[..2] {
            let res = app.call("add_to_session", &[("session_id", &sid), ("email", &p.email)], Some(&staff)).await;
            assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        }
        let full = app.call("add_to_session", &[("session_id", &sid), ("email", &people[2].email)], Some(&staff)).await;
        assert_eq!(full.status, http::StatusCode::CONFLICT, "{}", full.body);
        let unknown = app.call("add_to_session", &[("session_id", &sid), ("email", "nobody@example.com")], Some(&staff)).await;
        assert_eq!(unknown.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        // Capacity can't go below the seats held; raising it works.
        let below = app.call("set_session_capacity", &[("session_id", &sid), ("capacity", "1")], Some(&staff)).await;
        assert_eq!(below.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        let raise = app.call("set_session_capacity", &[("session_id", &sid), ("capacity", "3")], Some(&staff)).await;
        assert_eq!(raise.status, http::StatusCode::OK, "{}", raise.body);
        let res = app.call("add_to_session", &[("session_id", &sid), ("email", &people[2].email)], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);

        let roster = app.get(&format!("/api/get_session_roster?session_id={sid}"), Some(&staff)).await.json();
        let entries = roster["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0]["name"], "Client T.", "preferred name and last initial");
        assert!(!roster.to_string().contains("@test.kindred.care"), "no e-mail addresses on the roster");
        let first = entries[0]["signup_id"].as_i64().unwrap().to_string();
        let res = app.call("mark_attendance", &[("signup_id", &first), ("attendance", "late")], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        let res = app.call("mark_attendance", &[("signup_id", &first), ("attendance", "sleeping")], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        let second = entries[1]["signup_id"].as_i64().unwrap().to_string();
        let res = app.call("remove_from_session", &[("signup_id", &second), ("reason", "")], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::UNPROCESSABLE_ENTITY, "a reason is required");
        let res = app.call("remove_from_session", &[("signup_id", &second), ("reason", "Moved to PHP")], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        let roster = app.get(&format!("/api/get_session_roster?session_id={sid}"), Some(&staff)).await.json();
        assert_eq!(roster["confirmed"], 2);
        assert_eq!(roster["entries"][0]["attendance"], "late");

        let audit = kindred::server::repo::audit::recent(&app.state.db, 50).await.unwrap();
        assert_eq!(audit.iter().filter(|a| a.action == "roster.viewed").count(), 2, "every roster view is audited");
        assert!(audit.iter().any(|a| a.action == "signup.removed" && a.detail.as_deref() == Some("Moved to PHP")));
        // The roster page is one view on the record, however the server renders it.
        let page = app.get(&format!("/staff/sessions/{sid}"), Some(&staff)).await;
        assert_eq!(page.status, http::StatusCode::OK);
        assert!(page.body.contains("Client T."), "the page shows the roster");
        let audit = kindred::server::repo::audit::recent(&app.state.db, 50).await.unwrap();
        assert_eq!(audit.iter().filter(|a| a.action == "roster.viewed").count(), 3, "one page view, one audit entry");

        let today = app.get("/api/staff_today", Some(&staff)).await;
        assert_eq!(today.status, http::StatusCode::OK, "{}", today.body);
    }

    async fn waitlist_moves_up_only_with_a_reason(app) {
        let app = app.with_demo().await;
        let (_, session) = session_group(&app, "move-up", 2, true, 2 * DAY).await;
        let staff = app.sign_in(ADMIN.0, ADMIN.1).await;
        let people = clients(&app, "m", 4, LevelOfCare::Iop).await;
        for p in &people {
            signup::sign_up(&app.state, p, session, false).await.unwrap();
        }
        let last = signups::find_for(&app.state.db, session, people[3].user_id.0).await.unwrap().unwrap();
        assert_eq!(last.position, 2);
        let id = last.id.to_string();
        let res = app.call("move_up_waitlist", &[("signup_id", &id), ("reason", "")], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        let res = app.call("move_up_waitlist", &[("signup_id", &id), ("reason", "Discharge plan needs this group")], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        let moved = signups::find_for(&app.state.db, session, people[3].user_id.0).await.unwrap().unwrap();
        assert_eq!(moved.position, 1);
        signup::cancel(&app.state, &people[0], session).await.unwrap();
        assert_eq!(status_of(&app.state, session, &people[3]).await, Some(SignupStatus::Offered));
        let audit = kindred::server::repo::audit::recent(&app.state.db, 10).await.unwrap();
        assert!(audit.iter().any(|a| a.action == "waitlist.moved_up" && a.detail.as_deref() == Some("Discharge plan needs this group")));
    }

    async fn clients_see_only_their_own_signups_and_the_join_link_only_in_its_window(app) {
        let app = app.with_demo().await;
        let (_, session) = session_group(&app, "private", 2, true, 2 * DAY).await;
        let sid = session.to_string();
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        let res = app.call("sign_up_for_session", &[("session_id", &sid)], Some(&client)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        assert_eq!(res.json()["seat"]["status"], "confirmed");
        assert!(!res.body.contains("video.example"), "no join link in the signup answer");

        let mine = app.get("/api/get_my_schedule", Some(&client)).await;
        assert_eq!(mine.status, http::StatusCode::OK, "{}", mine.body);
        let entry = &mine.json()["entries"][0];
        assert_eq!(entry["group_slug"], "private");
        assert!(entry["join_link"].is_null(), "not yet: {entry}");
        assert!(!mine.body.contains("video.example"));
        // 15 minutes before the start it appears, to the confirmed client only.
        app.clock.advance(2 * DAY - 15 * 60);
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        let mine = app.get("/api/get_my_schedule", Some(&client)).await;
        assert_eq!(mine.json()["entries"][0]["join_link"], "https://video.example/room-42");
        for path in ["/api/get_group?slug=private", "/groups/private", "/api/my_seats?slug=private"] {
            let visitor = app.get(path, None).await;
            assert!(!visitor.body.contains("video.example"), "{path} leaks the link to visitors");
        }

        // Another client cannot cancel it (they have no signup there) nor read a roster.
        let other = clients(&app, "x", 1, LevelOfCare::Iop).await.remove(0);
        let err = signup::cancel(&app.state, &other, session).await.unwrap_err();
        assert_eq!(err, AppError::NotFound);
        let roster = app.get(&format!("/api/get_session_roster?session_id={sid}"), Some(&client)).await;
        assert_eq!(roster.status, http::StatusCode::FORBIDDEN);
        assert_eq!(assert_seats_consistent(&app, session).await, (1, 0, 0));
    }

    async fn the_private_calendar_feed_is_neutral_and_revocable(app) {
        let app = app.with_demo().await;
        let (_, session) = session_group(&app, "feed", 4, true, 2 * DAY).await;
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        app.call("sign_up_for_session", &[("session_id", &session.to_string())], Some(&client)).await;
        let url = app.call("create_calendar_feed", &[], Some(&client)).await.json();
        let url = url.as_str().unwrap().to_string();
        let ics = app.get(&url, None).await;
        assert_eq!(ics.status, http::StatusCode::OK);
        assert!(ics.body.contains("SUMMARY:Kindred session"));
        assert!(!ics.body.contains("Signup Test Group"), "no group name in the feed");
        let single = app.get(&format!("/sessions/{session}/calendar.ics"), None).await;
        assert_eq!(single.status, http::StatusCode::OK);
        assert!(single.body.contains("SUMMARY:Kindred session") && single.body.contains("DTSTART:20261125T120000Z"), "{}", single.body);
        assert!(!single.body.contains("Signup Test Group"));
        assert_eq!(app.get("/sessions/999999/calendar.ics", None).await.status, http::StatusCode::NOT_FOUND);
        let res = app.call("revoke_calendar_feed", &[], Some(&client)).await;
        assert_eq!(res.status, http::StatusCode::OK);
        assert_eq!(app.get(&url, None).await.status, http::StatusCode::NOT_FOUND);
    }

    async fn the_hours_meter_counts_attended_and_booked_time_this_week(app) {
        // T0 is Monday 2026-11-23 07:00 in New York. Two IOP sessions this week.
        let (_, tue) = session_group(&app, "tue", 10, true, DAY).await;
        let (_, wed) = session_group(&app, "wed", 10, true, 2 * DAY).await;
        let (_, thu) = session_group(&app, "thu", 10, true, 3 * DAY).await;
        let me = clients(&app, "h", 1, LevelOfCare::Iop).await.remove(0);
        signup::sign_up(&app.state, &me, tue, false).await.unwrap();
        signup::sign_up(&app.state, &me, wed, false).await.unwrap();
        let schedule = signup::my_schedule(&app.state, &me).await.unwrap();
        let hours = schedule.hours.unwrap();
        assert_eq!((hours.target_minutes, hours.target_days), (540, 3));
        assert_eq!((hours.attended_minutes, hours.booked_minutes, hours.days), (0, 120, 2));
        assert_eq!(hours.suggestions.len(), 1, "{:?}", hours.suggestions);
        assert_eq!(hours.suggestions[0].session_id, thu);
        assert_eq!(schedule.entries.len(), 2);
    }

    async fn a_schedule_change_that_drops_signed_up_sessions_needs_confirmation_and_tells_people(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let res = app.call("save_group", &crate::directory::group_form("Drop Test Group", &["tue", "thu"]), Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        let group = app.get("/api/get_group?slug=drop-test-group", None).await.json();
        let tuesday = group["upcoming"][0]["id"].as_i64().unwrap();
        let me = clients(&app, "drop", 1, LevelOfCare::Iop).await.remove(0);
        signup::sign_up(&app.state, &me, tuesday, false).await.unwrap();

        let mut form = crate::directory::group_form("Drop Test Group", &["thu"]);
        form[0] = ("slug", "drop-test-group");
        let res = app.call("save_group", &form, Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let reason = res.json()["fields"][0].clone();
        assert_eq!(reason["field"], "confirm_drop");
        assert!(reason["reason"].as_str().unwrap().contains("drops 1 session that people signed up for (Tue, Nov 24 at 6:00 PM); 1 signup"), "{reason}");
        let unchanged = groups::find_session(&app.state.db, tuesday).await.unwrap().unwrap();
        assert!(unchanged.cancelled_at.is_none(), "nothing changes until staff confirm");
        assert!(signup::notices(&app.state, &me).await.unwrap().is_empty());

        form.push(("confirm_drop", "on"));
        let res = app.call("save_group", &form, Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        let dropped = groups::find_session(&app.state.db, tuesday).await.unwrap().unwrap();
        assert_eq!(dropped.cancel_reason.as_deref(), Some("The group's schedule changed"));
        assert_eq!(status_of(&app.state, tuesday, &me).await, Some(SignupStatus::Confirmed), "the signup is kept for the record");
        let told = signup::notices(&app.state, &me).await.unwrap();
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].body, "Your session on Tue, Nov 24 at 6:00 PM was cancelled: The group's schedule changed");
    }

    async fn cancelled_sessions_and_closures_tell_the_people_signed_up(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(ADMIN.0, ADMIN.1).await;
        let (_, session) = session_group(&app, "told", 4, true, 2 * DAY).await;
        let me = clients(&app, "t", 1, LevelOfCare::Iop).await.remove(0);
        signup::sign_up(&app.state, &me, session, false).await.unwrap();
        let sid = session.to_string();
        let res = app.call("cancel_session", &[("session_id", &sid), ("reason", "Facilitator is ill")], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        let res = app.call("restore_session", &[("session_id", &sid)], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        let told: Vec<String> = signup::notices(&app.state, &me).await.unwrap().into_iter().map(|n| n.body).collect();
        assert_eq!(told, [
            "Good news: your session on Wed, Nov 25 at 7:00 AM is back on.".to_string(),
            "Your session on Wed, Nov 25 at 7:00 AM was cancelled: Facilitator is ill".to_string(),
        ]);
        signup::dismiss_notices(&app.state, &me).await.unwrap();
        assert!(signup::notices(&app.state, &me).await.unwrap().is_empty());

        // A demo group's session on a new closure day: cancelled, not deleted, and its people told.
        let group = app.get("/api/get_group?slug=alumni-circle", None).await.json();
        let saturday = group["upcoming"][0]["id"].as_i64().unwrap();
        let alum = clients(&app, "alum", 1, LevelOfCare::Alumni).await.remove(0);
        signup::sign_up(&app.state, &alum, saturday, false).await.unwrap();
        let res = app.call("add_closure", &[("day", "2026-11-28"), ("reason", "Building maintenance")], Some(&staff)).await;
        assert_eq!(res.status, http::StatusCode::OK, "{}", res.body);
        let kept = groups::find_session(&app.state.db, saturday).await.unwrap().unwrap();
        assert_eq!(kept.cancel_reason.as_deref(), Some("The program is closed that day: Building maintenance"));
        let told = signup::notices(&app.state, &alum).await.unwrap();
        assert_eq!(told.len(), 1, "{told:?}");
    }
}

both_backends! {
    async fn plain_form_posts_come_back_saying_what_happened(app) {
        let app = app.with_demo().await;
        let (_, session) = session_group(&app, "plain-posts", 1, true, 2 * DAY).await;
        let sid = session.to_string();
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        let headers = [("accept", "text/html"), ("referer", "http://kindred.test/groups/plain-posts?done=cancelled")];
        let res = app.call_with("sign_up_for_session", &[("session_id", &sid)], Some(&client), &headers).await;
        assert_eq!(res.status, http::StatusCode::FOUND);
        let location = res.header("location").unwrap().to_string();
        assert_eq!(location, "/groups/plain-posts?done=signed_up", "the old flag is replaced");
        let page = app.get(&location, Some(&client)).await;
        assert!(page.body.contains("You&#x27;re in. Your seat is confirmed.") || page.body.contains("You're in. Your seat is confirmed."), "the page says so");

        let again = app.call_with("sign_up_for_session", &[("session_id", &sid)], Some(&client), &headers).await;
        assert_eq!(again.header("location"), Some("/groups/plain-posts?done=already"));
        let res = app.call_with("cancel_signup", &[("session_id", &sid)], Some(&client), &headers).await;
        assert_eq!(res.header("location"), Some("/groups/plain-posts?done=cancelled"));
        // The app's own calls (JSON) are answered, not redirected.
        let json = app.call("sign_up_for_session", &[("session_id", &sid)], Some(&client)).await;
        assert_eq!(json.status, http::StatusCode::OK, "{}", json.body);
    }
}
