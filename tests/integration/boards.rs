//! Peer-support boards: anonymity, crisis handling, reports, rate limits,
//! moderation and reveal — through the real router, on both backends.

use crate::support::*;
use http::StatusCode;
use kindred::domain::role::LevelOfCare;
use kindred::server::repo::users;

/// A signed-in client: (e-mail, preferred name, session cookie value).
async fn client(app: &TestApp, tag: &str, level: LevelOfCare) -> (String, String, String) {
    let email = format!("{tag}@boards.test.kindred.care");
    let name = format!("{tag} Realname");
    let id = insert_client(app, &email, &name, level).await;
    let token = kindred::server::auth::random_token();
    kindred::server::repo::sessions::create(
        &app.state.db,
        &kindred::server::auth::hash_token(&token),
        id,
        app.state.now(),
        app.state.now() + 3600,
    )
    .await
    .unwrap();
    (email, name, format!("kindred_session={token}"))
}

/// A new session for an existing client (after the clock moved past the idle timeout).
async fn reconnect(app: &TestApp, email: &str) -> String {
    let user = users::find_by_email(&app.state.db, email)
        .await
        .unwrap()
        .unwrap();
    let token = kindred::server::auth::random_token();
    kindred::server::repo::sessions::create(
        &app.state.db,
        &kindred::server::auth::hash_token(&token),
        user.user_id(),
        app.state.now(),
        app.state.now() + 3600,
    )
    .await
    .unwrap();
    format!("kindred_session={token}")
}

async fn accept(app: &TestApp, cookie: &str) {
    let res = app.call("accept_guidelines", &[], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

async fn start(
    app: &TestApp,
    cookie: &str,
    board: &str,
    title: &str,
    body: &str,
) -> serde_json::Value {
    let res = app
        .call(
            "start_thread",
            &[("board", board), ("title", title), ("body", body)],
            Some(cookie),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()
}

async fn reply(app: &TestApp, cookie: &str, thread: i64, body: &str) -> TestResponse {
    app.call(
        "reply_to_thread",
        &[("thread_id", &thread.to_string()), ("body", body)],
        Some(cookie),
    )
    .await
}

async fn thread(app: &TestApp, cookie: &str, id: i64) -> serde_json::Value {
    let res = app
        .get(&format!("/api/get_thread?thread_id={id}"), Some(cookie))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()
}

both_backends! {
    async fn peers_cannot_link_authors_across_threads_or_to_identities(app) {
        let (a_email, a_name, a) = client(&app, "ana", LevelOfCare::Iop).await;
        let (b_email, b_name, b) = client(&app, "ben", LevelOfCare::Iop).await;
        let (_, _, c) = client(&app, "cat", LevelOfCare::Iop).await;
        for cookie in [&a, &b] {
            accept(&app, cookie).await;
        }
        let t1 = start(&app, &a, "iop", "First week back", "Hard week.\n\nBut I went to group.").await["thread_id"].as_i64().unwrap();
        let t2 = start(&app, &a, "iop", "Sleep", "Anyone else not sleeping?").await["thread_id"].as_i64().unwrap();
        assert_eq!(reply(&app, &b, t1, "Proud of you for going.").await.status, StatusCode::OK);
        assert_eq!(reply(&app, &a, t1, "Thank you, that means a lot.").await.status, StatusCode::OK);

        let one = thread(&app, &c, t1).await;
        let two = thread(&app, &c, t2).await;
        let posts = one["posts"].as_array().unwrap();
        let a1 = posts[0]["author"].as_str().unwrap();
        assert_eq!(posts[2]["author"], a1, "stable within a thread");
        assert_eq!(posts[0]["is_starter"], true);
        assert_eq!(posts[2]["is_starter"], true);
        assert_eq!(posts[1]["is_starter"], false);
        assert_ne!(posts[1]["author"], a1);
        let a2 = two["posts"][0]["author"].as_str().unwrap();
        assert_ne!(a1, a2, "different across threads");
        assert_eq!(one["posts"][0]["body"], "Hard week.\n\nBut I went to group.");

        // Nothing identifying in any response a client gets: JSON or HTML.
        let mut bodies = vec![one.to_string(), two.to_string()];
        bodies.push(app.get("/api/get_board?slug=iop", Some(&c)).await.body);
        bodies.push(app.get(&format!("/boards/threads/{t1}"), Some(&c)).await.body);
        bodies.push(app.get(&format!("/boards/threads/{t2}"), Some(&c)).await.body);
        bodies.push(app.get("/boards/iop", Some(&c)).await.body);
        for body in &bodies {
            for secret in [a_email.as_str(), b_email.as_str(), a_name.as_str(), b_name.as_str(), "author_id", "user_id"] {
                assert!(!body.contains(secret), "a client response contains {secret:?}");
            }
        }
        assert!(!bodies[4].contains(a1), "thread 1's pseudonym does not appear in thread 2");
        assert!(bodies[3].contains(a1), "the thread page shows the pseudonym");
    }

    async fn crisis_posts_are_published_answered_with_help_and_queued_first(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let (_, _, a) = client(&app, "dee", LevelOfCare::Iop).await;
        let (_, _, b) = client(&app, "eli", LevelOfCare::Iop).await;
        accept(&app, &a).await;
        let calm = start(&app, &a, "community", "Spam test", "buy cheap stuff").await;
        let outcome = start(&app, &a, "community", "Tonight", "I don't want to be alive anymore").await;
        assert_eq!(outcome["crisis"], true);
        assert_eq!(calm["crisis"], false);
        let t = outcome["thread_id"].as_i64().unwrap();
        let seen = thread(&app, &b, t).await;
        assert_eq!(seen["posts"][0]["body"], "I don't want to be alive anymore", "never silently blocked");
        assert_eq!(seen["posts"][0]["crisis"], false, "peers don't see the flag");
        let page = app.get(&format!("/boards/threads/{t}?crisis=1"), Some(&a)).await;
        assert!(page.body.contains("tel:988") && page.body.contains("741741"), "crisis help on the author's page");

        // Reports hide the calm post; the crisis item still comes first.
        let calm_post = calm["post_id"].as_i64().unwrap().to_string();
        for tag in ["r1", "r2", "r3"] {
            let (_, _, r) = client(&app, tag, LevelOfCare::Php).await;
            let res = app.call("report_post", &[("post_id", &calm_post), ("reason", "spam")], Some(&r)).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        }
        let queue = app.get("/api/get_moderation_queue", Some(&staff)).await;
        assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
        let items = queue.json()["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["kind"], "crisis");
        assert_eq!(items[1]["kind"], "reports");
        let client_queue = app.get("/api/get_moderation_queue", Some(&a)).await;
        assert_eq!(client_queue.status, StatusCode::FORBIDDEN);
    }

    async fn three_distinct_reports_hide_a_post_and_one_person_counts_once(app) {
        let (_, _, author) = client(&app, "fay", LevelOfCare::Iop).await;
        accept(&app, &author).await;
        let out = start(&app, &author, "iop", "Vent", "Everyone in group annoys me").await;
        let (t, post) = (out["thread_id"].as_i64().unwrap(), out["post_id"].as_i64().unwrap().to_string());
        let (_, _, r1) = client(&app, "gus", LevelOfCare::Iop).await;
        let (_, _, r2) = client(&app, "hal", LevelOfCare::Iop).await;
        let (_, _, r3) = client(&app, "ida", LevelOfCare::Iop).await;
        for _ in 0..3 {
            app.call("report_post", &[("post_id", &post), ("reason", "unkind")], Some(&r1)).await;
        }
        app.call("report_post", &[("post_id", &post), ("reason", "unkind")], Some(&r2)).await;
        assert_eq!(thread(&app, &r3, t).await["posts"].as_array().unwrap().len(), 1, "two people: still visible");
        let missing_note = app.call("report_post", &[("post_id", &post), ("reason", "other")], Some(&r3)).await;
        assert_eq!(missing_note.status, StatusCode::UNPROCESSABLE_ENTITY, "'something else' needs a note");
        let res = app.call("report_post", &[("post_id", &post), ("reason", "unkind")], Some(&r3)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(thread(&app, &r3, t).await["posts"].as_array().unwrap().is_empty(), "hidden from peers");
        let own = thread(&app, &author, t).await;
        assert_eq!(own["posts"][0]["state"], "under_review", "its author sees it under review");
        let own_report = app.call("report_post", &[("post_id", &post), ("reason", "spam")], Some(&author)).await;
        assert_ne!(own_report.status, StatusCode::OK);
    }

    async fn posting_and_reporting_are_rate_limited_with_a_wait(app) {
        let app = app.with_demo().await;
        let (_, _, a) = client(&app, "jo", LevelOfCare::Iop).await;
        accept(&app, &a).await;
        let t = start(&app, &a, "iop", "Checking in", "Day 1").await["thread_id"].as_i64().unwrap();
        for i in 2..=6 {
            assert_eq!(reply(&app, &a, t, &format!("Day {i}")).await.status, StatusCode::OK);
        }
        let limited = reply(&app, &a, t, "Day 7").await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "{}", limited.body);
        let wait = limited.json()["retry_after_secs"].as_u64().unwrap();
        assert!(wait > 0 && wait <= 600, "{wait}");
        app.clock.advance(601);
        assert_eq!(reply(&app, &a, t, "Still here").await.status, StatusCode::OK);
        // Staff are exempt.
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        for i in 0..8 {
            assert_eq!(reply(&app, &staff, t, &format!("Facilitator note {i}")).await.status, StatusCode::OK);
        }
        let view = thread(&app, &a, t).await;
        assert_eq!(view["posts"].as_array().unwrap().last().unwrap()["author"], "Facilitator");
    }

    async fn hostile_text_round_trips_byte_identical_and_renders_escaped(app) {
        let (_, _, a) = client(&app, "kim", LevelOfCare::Iop).await;
        accept(&app, &a).await;
        let payload = "</textarea><script>alert('x')</script>\"; DROP TABLE users; -- ' OR 1=1 <img src=x onerror=alert(1)>";
        let t = start(&app, &a, "iop", "Payload test", payload).await["thread_id"].as_i64().unwrap();
        assert_eq!(thread(&app, &a, t).await["posts"][0]["body"], payload);
        let html = app.get(&format!("/boards/threads/{t}"), Some(&a)).await.body;
        assert!(!html.contains("<script>alert('x')</script>"));
        assert!(!html.contains("<img src=x"));
        assert!(!html.contains("</textarea><script>"), "the edit box cannot be closed from inside");
        assert!(html.contains("&lt;script"), "rendered as text");
        assert_eq!(kindred::server::repo::users::count(&app.state.db).await.unwrap(), 1, "users table intact");
    }

    async fn private_details_need_confirmation_and_guidelines_come_first(app) {
        let (_, _, a) = client(&app, "lou", LevelOfCare::Iop).await;
        let before = app.call("start_thread", &[("board", "iop"), ("title", "Hello"), ("body", "hi all")], Some(&a)).await;
        assert_eq!(before.status, StatusCode::CONFLICT, "guidelines first: {}", before.body);
        accept(&app, &a).await;
        let form = [("board", "iop"), ("title", "Text me"), ("body", "call me at 555-201-3344 anytime")];
        let res = app.call("start_thread", &form, Some(&a)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = res.json()["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_string()).collect();
        assert_eq!(fields, ["body", "confirm_private"]);
        assert!(res.body.contains("a phone number"));
        let mut confirmed = form.to_vec();
        confirmed.push(("confirm_private", "on"));
        assert_eq!(app.call("start_thread", &confirmed, Some(&a)).await.status, StatusCode::OK);
    }

    async fn levels_of_care_decide_which_boards_people_see(app) {
        let (_, _, php) = client(&app, "max", LevelOfCare::Php).await;
        let boards = app.get("/api/list_boards", Some(&php)).await.json();
        let slugs: Vec<&str> = boards.as_array().unwrap().iter().map(|b| b["slug"].as_str().unwrap()).collect();
        assert_eq!(slugs, ["community", "php"]);
        assert_eq!(app.get("/api/get_board?slug=iop", Some(&php)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/api/list_boards", None).await.status, StatusCode::UNAUTHORIZED);
    }

    async fn staff_remove_with_a_notice_and_reveal_only_with_an_audited_reason(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(ADMIN.0, ADMIN.1).await;
        let (email, _, a) = client(&app, "ned", LevelOfCare::Iop).await;
        let (_, _, b) = client(&app, "ola", LevelOfCare::Iop).await;
        accept(&app, &a).await;
        let out = start(&app, &a, "iop", "Meet up?", "Let's meet at the bar after group").await;
        let (t, post) = (out["thread_id"].as_i64().unwrap(), out["post_id"].as_i64().unwrap().to_string());

        let no_reason = app.call("reveal_author", &[("post_id", &post), ("reason", "")], Some(&staff)).await;
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        let by_client = app.call("reveal_author", &[("post_id", &post), ("reason", "I just want to know who")], Some(&b)).await;
        assert_eq!(by_client.status, StatusCode::FORBIDDEN);
        let revealed = app.call("reveal_author", &[("post_id", &post), ("reason", "Safety concern: planning to drink together")], Some(&staff)).await;
        assert_eq!(revealed.status, StatusCode::OK, "{}", revealed.body);
        assert!(revealed.body.contains(&email));
        let audit = kindred::server::repo::audit::recent(&app.state.db, 5).await.unwrap();
        assert!(audit.iter().any(|e| e.action == "board.author_revealed" && e.detail.as_deref() == Some("Safety concern: planning to drink together")));

        let res = app.call("moderate_post", &[("post_id", &post), ("action", "remove"), ("reason", "Meeting to drink puts people at risk")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let seen = thread(&app, &b, t).await;
        assert_eq!(seen["posts"][0]["state"], "removed");
        assert_eq!(seen["posts"][0]["body"], "", "removed text is not sent to peers");
        let notices = app.get("/api/my_notices", Some(&a)).await.json();
        assert!(notices.to_string().contains("Meeting to drink puts people at risk"), "{notices}");
        let lock = app.call("lock_thread", &[("thread_id", &t.to_string()), ("locked", "true")], Some(&staff)).await;
        assert_eq!(lock.status, StatusCode::OK);
        let closed = reply(&app, &b, t, "hello?").await;
        assert_eq!(closed.status, StatusCode::CONFLICT, "{}", closed.body);
        let log = app.get("/api/get_moderation_queue", Some(&staff)).await.json();
        let actions: Vec<&str> = log["log"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["thread.locked", "post.removed"]);
    }
}

both_backends! {
    async fn board_tables_have_nowhere_to_keep_an_ip_address(app) {
        for table in ["board_threads", "board_posts", "board_reactions", "board_reports", "moderation_items", "moderation_log", "board_guideline_acks", "board_reads"] {
            let columns: Vec<String> = match &app.state.db {
                kindred::server::db::Db::Sqlite { reader, .. } => {
                    sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')")).fetch_all(reader).await.unwrap()
                }
                kindred::server::db::Db::Postgres(pool) => {
                    sqlx::query_scalar("SELECT column_name::text FROM information_schema.columns WHERE table_name = $1")
                        .bind(table)
                        .fetch_all(pool)
                        .await
                        .unwrap()
                }
            };
            assert!(!columns.is_empty(), "{table} exists");
            for c in &columns {
                let c = c.to_lowercase();
                assert!(!(c.contains("ip") || c.contains("addr") || c.contains("agent")), "{table}.{c} could hold a network identity");
            }
        }
    }
}

both_backends! {
    async fn authors_edit_and_delete_only_within_the_window(app) {
        let (a_email, _, a) = client(&app, "pat", LevelOfCare::Iop).await;
        let (b_email, _, b) = client(&app, "quin", LevelOfCare::Iop).await;
        accept(&app, &a).await;
        let out = start(&app, &a, "iop", "Typo", "Frist post").await;
        let (t, post) = (out["thread_id"].as_i64().unwrap(), out["post_id"].as_i64().unwrap().to_string());
        let by_other = app.call("edit_post", &[("post_id", &post), ("body", "hijacked")], Some(&b)).await;
        assert_eq!(by_other.status, StatusCode::FORBIDDEN);
        let res = app.call("edit_post", &[("post_id", &post), ("body", "First post")], Some(&a)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let seen = thread(&app, &b, t).await;
        assert_eq!(seen["posts"][0]["body"], "First post");
        assert_eq!(seen["posts"][0]["edited"], true);
        // An edit that turns into crisis language reaches the staff queue.
        let res = app.call("edit_post", &[("post_id", &post), ("body", "Honestly I want to end my life")], Some(&a)).await;
        assert_eq!(res.json()["crisis"], true);
        app.clock.advance(16 * 60);
        let (a, b) = (reconnect(&app, &a_email).await, reconnect(&app, &b_email).await);
        let late = app.call("edit_post", &[("post_id", &post), ("body", "again")], Some(&a)).await;
        assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
        let late = app.call("delete_post", &[("post_id", &post)], Some(&a)).await;
        assert_eq!(late.status, StatusCode::CONFLICT);

        let reply_out = reply(&app, &a, t, "Never mind").await.json();
        let r = reply_out["post_id"].as_i64().unwrap().to_string();
        assert_eq!(app.call("delete_post", &[("post_id", &r)], Some(&a)).await.status, StatusCode::OK);
        let seen = thread(&app, &b, t).await;
        assert_eq!(seen["posts"][1]["state"], "deleted");
        assert_eq!(seen["posts"][1]["body"], "");
    }

    async fn muting_hides_a_person_everywhere_without_revealing_them(app) {
        let (_, _, a) = client(&app, "ray", LevelOfCare::Iop).await;
        let (_, _, b) = client(&app, "sol", LevelOfCare::Iop).await;
        accept(&app, &a).await;
        accept(&app, &b).await;
        let one = start(&app, &a, "iop", "One", "first thread").await;
        let two = start(&app, &a, "iop", "Two", "second thread").await["thread_id"].as_i64().unwrap();
        reply(&app, &b, two, "my own reply stays").await;
        let res = app.call("mute_author", &[("post_id", &one["post_id"].as_i64().unwrap().to_string())], Some(&b)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body.is_empty() || res.body == "null", "the answer carries nothing about the person: {}", res.body);
        let seen = thread(&app, &b, two).await;
        let posts = seen["posts"].as_array().unwrap();
        assert_eq!(posts.len(), 1, "muted in the other thread too");
        assert_eq!(posts[0]["body"], "my own reply stays");
        assert_eq!(seen["muted_posts"], 1);
        let board = app.get("/api/get_board?slug=iop", Some(&b)).await.json();
        assert_eq!(board["muted_people"], 1);
        app.call("unmute_everyone", &[], Some(&b)).await;
        assert_eq!(thread(&app, &b, two).await["posts"].as_array().unwrap().len(), 2);
    }

    async fn content_warnings_fold_posts_for_readers_who_chose_to_blur(app) {
        let (_, _, a) = client(&app, "tam", LevelOfCare::Iop).await;
        let (_, _, b) = client(&app, "uma", LevelOfCare::Iop).await;
        accept(&app, &a).await;
        let res = app.call("start_thread", &[("board", "iop"), ("title", "Hard memory"), ("body", "It came back today."), ("warnings[]", "trauma")], Some(&a)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let t = res.json()["thread_id"].as_i64().unwrap();
        let seen = thread(&app, &b, t).await;
        assert_eq!(seen["posts"][0]["warnings"], serde_json::json!(["trauma"]));
        assert_eq!(seen["posts"][0]["blurred"], true, "blurred by default");
        assert_eq!(thread(&app, &a, t).await["posts"][0]["blurred"], false, "never for the author");
        let res = app.call("set_blur_preferences", &[("blur[]", "self_harm")], Some(&b)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(thread(&app, &b, t).await["posts"][0]["blurred"], false);
        let html = app.get(&format!("/boards/threads/{t}"), Some(&a)).await.body;
        assert!(html.contains("Content warning: trauma"));
        let bad = app.call("start_thread", &[("board", "iop"), ("title", "x y z"), ("body", "b"), ("warnings[]", "gore")], Some(&a)).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

both_backends! {
    async fn readers_see_what_is_new_since_their_last_visit(app) {
        let (_, _, a) = client(&app, "uma", LevelOfCare::Iop).await;
        let (_, _, b) = client(&app, "vic", LevelOfCare::Iop).await;
        let (_, _, c) = client(&app, "wes", LevelOfCare::Iop).await;
        for cookie in [&a, &b, &c] {
            accept(&app, cookie).await;
        }
        let board = |cookie: String| {
            let app = &app;
            async move { app.get("/api/get_board?slug=iop", Some(&cookie)).await.json() }
        };
        let boards_unread = |cookie: String| {
            let app = &app;
            async move {
                let list = app.get("/api/list_boards", Some(&cookie)).await.json();
                list.as_array().unwrap().iter().find(|b| b["slug"] == "iop").unwrap()["unread_threads"].as_i64().unwrap()
            }
        };
        let t = start(&app, &a, "iop", "Cravings at night", "What helps you?").await["thread_id"].as_i64().unwrap();

        // The starter's own thread is not new to them; it is to everyone else.
        let mine = board(a.clone()).await;
        assert_eq!(mine["threads"][0]["new_thread"], false);
        assert_eq!(mine["threads"][0]["unread"], 0);
        assert_eq!(boards_unread(a.clone()).await, 0);
        let theirs = board(b.clone()).await;
        assert_eq!(theirs["threads"][0]["new_thread"], true);
        assert_eq!(theirs["threads"][0]["unread"], 1);
        assert_eq!(boards_unread(b.clone()).await, 1);

        // Opening it clears the marker; a first visit marks no single post as new.
        let first = thread(&app, &b, t).await;
        assert!(first["posts"].as_array().unwrap().iter().all(|p| p["unread"] == false));
        assert_eq!(board(b.clone()).await["threads"][0]["unread"], 0);
        assert_eq!(board(b.clone()).await["threads"][0]["new_thread"], false);
        assert_eq!(boards_unread(b.clone()).await, 0);

        // Two replies by others later: B sees "2 new", jumps to the first, and only those are marked.
        assert_eq!(reply(&app, &c, t, "Tea and a walk.").await.status, StatusCode::OK);
        let r2 = reply(&app, &a, t, "Thanks, trying that.").await.json()["post_id"].as_i64().unwrap();
        assert_eq!(reply(&app, &b, t, "Calling my sponsor helps.").await.status, StatusCode::OK);
        let listed = board(b.clone()).await;
        assert_eq!(listed["threads"][0]["unread"], 2, "B's own reply is not new to B");
        let first_new = listed["threads"][0]["first_unread"].as_i64().unwrap();
        assert_eq!(first_new, r2 - 1);
        let html = app.get("/boards/iop", Some(&b)).await.body;
        assert!(html.contains("2 new posts"), "the list says how many are new");
        assert!(html.contains(&format!("/boards/threads/{t}#post-{first_new}")));
        let again = thread(&app, &b, t).await;
        let flags: Vec<bool> = again["posts"].as_array().unwrap().iter().map(|p| p["unread"].as_bool().unwrap()).collect();
        assert_eq!(flags, vec![false, true, true, false]);
        assert_eq!(board(b.clone()).await["threads"][0]["unread"], 0);

        // The page marks new posts too, and a page view is one read.
        assert_eq!(reply(&app, &c, t, "Also: a warm shower.").await.status, StatusCode::OK);
        let html = app.get(&format!("/boards/threads/{t}"), Some(&b)).await.body;
        assert_eq!(html.matches("badge--accent\">New<").count(), 1, "exactly the one new post is marked");
        assert_eq!(board(b.clone()).await["threads"][0]["unread"], 0);

        // A muted person's posts never count as new.
        assert_eq!(app.call("mute_author", &[("post_id", &r2.to_string())], Some(&b)).await.status, StatusCode::OK);
        assert_eq!(reply(&app, &a, t, "One more from me.").await.status, StatusCode::OK);
        assert_eq!(board(b.clone()).await["threads"][0]["unread"], 0);
        assert_eq!(boards_unread(b.clone()).await, 0);
        let for_c = board(c.clone()).await;
        assert_eq!(for_c["threads"][0]["new_thread"], true, "C replied without opening the page");
        assert_eq!(for_c["threads"][0]["unread"], 4, "C's own reply is not counted");
    }
}

both_backends! {
    async fn plain_form_posts_on_a_thread_come_back_to_the_post(app) {
        let (_, _, a) = client(&app, "xan", LevelOfCare::Iop).await;
        let (_, _, b) = client(&app, "yael", LevelOfCare::Iop).await;
        accept(&app, &a).await;
        let out = start(&app, &a, "iop", "Long day", "Made it through.").await;
        let (t, post) = (out["thread_id"].as_i64().unwrap(), out["post_id"].as_i64().unwrap());
        let referer = format!("http://kindred.test/boards/threads/{t}?reported=1&x=2");
        let headers = [("accept", "text/html"), ("referer", referer.as_str())];
        let post_s = post.to_string();

        let res = app.call_with("react_to_post", &[("post_id", &post_s), ("reaction", "strength")], Some(&b), &headers).await;
        assert_eq!(res.status, StatusCode::FOUND);
        assert_eq!(res.header("location"), Some(format!("/boards/threads/{t}?x=2#post-{post}").as_str()), "an old confirmation does not carry over");

        let res = app.call_with("report_post", &[("post_id", &post_s), ("reason", "spam")], Some(&b), &headers).await;
        assert_eq!(res.header("location"), Some(format!("/boards/threads/{t}?x=2&reported=1#post-{post}").as_str()));
        let page = app.get(&format!("/boards/threads/{t}?reported=1"), Some(&b)).await;
        assert!(page.body.contains("Thank you. Staff will look at it."));

        // Only a local path is ever a destination.
        let sneaky = [("accept", "text/html"), ("referer", "http://kindred.test//evil.example/x")];
        let res = app.call_with("react_to_post", &[("post_id", &post_s), ("reaction", "me_too")], Some(&b), &sneaky).await;
        assert!(!res.header("location").unwrap_or("").contains("evil.example#"), "{:?}", res.header("location"));
        assert!(!res.header("location").unwrap_or("").starts_with("//"));

        // A reply lands on the new post, at an address that differs from the thread's
        // by more than the fragment, so a browser following it loads the page again.
        let res = app.call_with("reply_to_thread", &[("thread_id", &t.to_string()), ("body", "Same here.")], Some(&a), &headers).await;
        let location = res.header("location").unwrap_or("").to_string();
        let reply = thread(&app, &a, t).await["posts"][1]["id"].as_i64().unwrap();
        assert_eq!(location, format!("/boards/threads/{t}?posted={reply}#post-{reply}"));

        let res = app.call_with("edit_post", &[("post_id", &post_s), ("body", "I want to kill myself tonight")], Some(&a), &headers).await;
        assert_eq!(res.header("location"), Some(format!("/boards/threads/{t}?x=2&crisis=1#post-{post}").as_str()), "an edit into crisis language shows help");
    }
}
