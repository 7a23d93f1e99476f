//! The group directory: filters, group pages, feed, calendar, staff editing.

use http::StatusCode;

fn names(res: &crate::support::TestResponse) -> Vec<String> {
    let mut v: Vec<String> = res.json()["groups"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|g| g["name"].as_str().unwrap_or_default().to_string())
        .collect();
    v.sort();
    v
}

pub(crate) fn group_form<'a>(name: &'a str, days: &'a [&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("slug", ""),
        ("name", name),
        ("kind", "cbt_skills"),
        ("description", "Practise CBT skills together."),
        ("levels[]", "iop"),
        ("facilitator", "Priya Nair, PsyD"),
        ("co_facilitator", ""),
        ("format", "in_person"),
        ("location", "Room 9"),
        ("virtual_link", ""),
        ("capacity", "10"),
        ("min_size", "3"),
        ("language", "English"),
        ("accessibility", ""),
        ("is_open", "on"),
        ("start_time", "18:00"),
        ("duration_minutes", "90"),
    ];
    let keys = ["weekdays[]", "weekdays[]", "weekdays[]"];
    for (i, d) in days.iter().enumerate() {
        form.push((keys[i], d));
    }
    form
}

both_backends! {
    async fn filters_return_exactly_the_right_groups(app) {
        let app = app.with_demo().await;
        let all = app.get("/api/list_groups", None).await;
        assert_eq!(all.status, StatusCode::OK, "{}", all.body);
        assert!(all.json()["total"].as_u64().unwrap() >= 15);
        let cases: &[(&str, &[&str])] = &[
            ("query[kind]=dbt_skills", &["DBT Skills: Distress Tolerance", "Interpersonal Effectiveness (DBT)", "Mindfulness and Emotion Regulation"]),
            ("query[level]=family", &["Family Education Night", "Family Group: Supporting Recovery"]),
            ("query[language]=spanish", &["Grupo de Proceso en Español"]),
            ("query[format]=virtual", &["Alumni Virtual Check-In", "Family Education Night", "Mindfulness and Emotion Regulation", "Virtual Relapse Prevention (Evening)"]),
            ("query[day]=sat", &["Alumni Circle", "Trauma-Informed Yoga"]),
            ("query[day]=fri&query[time]=morning", &["Interpersonal Effectiveness (DBT)", "Morning Check-In Process Group"]),
            ("query[q]=relapse", &["Family Education Night", "Relapse Prevention Workshop", "Virtual Relapse Prevention (Evening)"]),
            ("query[q]=relapse&query[format]=in_person", &["Relapse Prevention Workshop"]),
            ("query[kind]=family&query[level]=php", &[]),
        ];
        for (query, expected) in cases {
            let res = app.get(&format!("/api/list_groups?{query}"), None).await;
            assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.body);
            assert_eq!(names(&res), *expected, "{query}");
        }
    }

    async fn directory_and_group_pages_never_show_attendees_or_video_links(app) {
        let app = app.with_demo().await;
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        for (path, cookie) in [("/groups", None), ("/groups", Some(client.as_str())), ("/groups/family-education-night", Some(client.as_str())), ("/api/get_group?slug=family-education-night", None), ("/feed/groups.json", None)] {
            let res = app.get(path, cookie).await;
            assert_eq!(res.status, StatusCode::OK, "{path}");
            assert!(!res.body.contains("video.example.org"), "{path} leaks the video link");
            // The signed-in client's own account is in the page's hydration data;
            // nobody else's ever is.
            let others = ["php-client@demo.kindred.care", "Jordan", "facilitator@demo.kindred.care"];
            for other in others {
                assert!(!res.body.contains(other), "{path} names another person: {other}");
            }
            if cookie.is_none() {
                assert!(!res.body.contains("@demo.kindred.care"), "{path} leaks an e-mail");
            }
        }
        let page = app.get("/groups", None).await;
        assert!(page.body.contains("Morning Check-In Process Group"));
        assert!(page.body.contains("seats left"), "seat counts are shown");
    }

    async fn clients_see_which_groups_their_level_allows(app) {
        let app = app.with_demo().await;
        let client = app.sign_in(CLIENT.0, CLIENT.1).await; // IOP
        let page = app.get("/groups", Some(&client)).await;
        assert!(page.body.contains("For PHP clients"), "PHP-only groups are marked for an IOP client");
        let res = app.get("/api/list_groups", Some(&client)).await;
        assert_eq!(res.json()["viewer_level"], "iop");
        let detail = app.get("/api/get_group?slug=art-therapy-studio", Some(&client)).await;
        assert_eq!(detail.json()["viewer_may_join"], false);
        let detail = app.get("/api/get_group?slug=evening-iop-process-group", Some(&client)).await;
        assert_eq!(detail.json()["viewer_may_join"], true);
    }

    async fn group_page_shows_schedule_sessions_and_closures(app) {
        let app = app.with_demo().await;
        let res = app.get("/api/get_group?slug=cbt-for-anxiety-and-depression", None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let g = res.json();
        assert_eq!(g["summary"]["schedule"]["duration_minutes"], 90);
        let upcoming = g["upcoming"].as_array().unwrap();
        assert!(!upcoming.is_empty());
        // Thanksgiving (Thu 2026-11-26) is a closure: no session that day.
        let thanksgiving_evening = 1_795_734_000; // 2026-11-26T23:00:00Z = 6 PM EST
        assert!(upcoming.iter().all(|s| s["starts_at"] != thanksgiving_evening));
        assert_eq!(upcoming[0]["when"], "Tomorrow 6:00 PM", "T0 is Monday 7 AM in New York");
        let missing = app.get("/api/get_group?slug=no-such-group", None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }

    async fn feed_is_valid_json_without_personal_data(app) {
        let app = app.with_demo().await;
        let res = app.get("/feed/groups.json", None).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.header("content-type").unwrap().starts_with("application/json"));
        let feed = res.json();
        let groups = feed.as_array().unwrap();
        assert!(groups.len() >= 15);
        for g in groups {
            for key in ["slug", "name", "kind", "days", "time", "end_time", "timezone", "attendance_option", "language", "accessibility", "updated"] {
                assert!(!g[key].is_null(), "feed entry lacks {key}: {g}");
            }
            assert_eq!(g["timezone"], "America/New_York");
            assert!(g["days"].as_array().unwrap().iter().all(|d| d.as_u64().unwrap() <= 6));
        }
        let alumni = groups.iter().find(|g| g["slug"] == "alumni-circle").unwrap();
        assert_eq!(alumni["days"], serde_json::json!([6]), "Saturday is 6 (Sunday = 0)");
        assert_eq!(alumni["time"], "10:00");
        assert_eq!(alumni["end_time"], "11:30");
        for leak in ["@", "video.example.org", "password", "virtual_link"] {
            assert!(!res.body.contains(leak), "feed contains {leak}");
        }
    }

    async fn calendar_file_is_neutral_unless_asked(app) {
        let app = app.with_demo().await;
        let res = app.get("/groups/cbt-for-anxiety-and-depression/calendar.ics", None).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.header("content-type").unwrap().starts_with("text/calendar"));
        assert!(res.body.contains("BEGIN:VCALENDAR") && res.body.contains("END:VEVENT"));
        assert!(res.body.contains("SUMMARY:Kindred group"));
        assert!(!res.body.contains("CBT"), "the group is not named by default");
        assert!(res.body.contains("DTSTART;TZID=America/New_York:20261124T180000"), "{}", res.body);
        assert!(res.body.contains("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"));
        assert!(res.body.contains("DURATION:PT90M"));
        let named = app.get("/groups/cbt-for-anxiety-and-depression/calendar.ics?name=1", None).await;
        assert!(named.body.contains("SUMMARY:CBT for Anxiety and Depression"));
    }

    async fn staff_create_a_group_and_it_is_listed_with_sessions(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let res = app.call("save_group", &group_form("Evening CBT Skills Lab", &["tue", "thu"]), Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.json(), "evening-cbt-skills-lab");
        let list = app.get("/api/list_groups?query[q]=skills+lab", None).await;
        assert_eq!(names(&list), vec!["Evening CBT Skills Lab"]);
        let g = app.get("/api/get_group?slug=evening-cbt-skills-lab", None).await.json();
        let upcoming = g["upcoming"].as_array().unwrap();
        assert_eq!(upcoming.len(), 8);
        assert_eq!(upcoming[0]["seats_left"], 10);

        // Moving the group to Mondays replaces future sessions; the preview agrees.
        let mut form = group_form("Evening CBT Skills Lab", &["mon"]);
        form[0] = ("slug", "evening-cbt-skills-lab");
        let res = app.call("save_group", &form, Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let g = app.get("/api/get_group?slug=evening-cbt-skills-lab", None).await.json();
        assert_eq!(g["upcoming"][0]["when"], "Today 6:00 PM");
        assert!(g["summary"]["schedule"]["weekdays"] == 1, "{}", g["summary"]);
        let preview = app.get("/api/preview_schedule?weekdays[0]=mon&start_time=18:00&duration_minutes=90", Some(&staff)).await;
        assert_eq!(preview.json()[0], "Today 6:00 PM", "{}", preview.body);
        let audit = kindred::server::repo::audit::recent(&app.state.db, 5).await.unwrap();
        assert_eq!(audit[0].action, "group.updated");
    }

    async fn invalid_group_input_is_rejected_field_by_field_and_nothing_is_saved(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(ADMIN.0, ADMIN.1).await;
        let before = app.get("/api/list_groups", None).await.json()["total"].clone();
        let mut form = group_form("X", &[]);
        form.retain(|(k, _)| *k != "levels[]");
        for (k, v) in form.iter_mut() {
            if *k == "capacity" { *v = "500"; }
            if *k == "start_time" { *v = "25:99"; }
        }
        let res = app.call("save_group", &form, Some(&staff)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let body = res.json();
        assert_eq!(body["code"], "invalid_fields");
        let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["name", "levels", "capacity", "weekdays", "start_time"]);
        assert_eq!(app.get("/api/list_groups", None).await.json()["total"], before, "nothing was saved");
    }

    async fn staff_cancel_restore_and_name_a_session(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let g = app.get("/api/get_group?slug=alumni-circle", None).await.json();
        let id = g["upcoming"][0]["id"].as_i64().unwrap().to_string();
        let res = app.call("set_session_topic", &[("session_id", &id), ("topic", "Gratitude and setbacks")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = app.call("cancel_session", &[("session_id", &id), ("reason", "Building closed")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let g = app.get("/api/get_group?slug=alumni-circle", None).await.json();
        assert_eq!(g["upcoming"][0]["cancelled"], "Building closed");
        assert_eq!(g["upcoming"][0]["topic"], "Gratitude and setbacks");
        assert_ne!(g["summary"]["next"]["id"].as_i64().unwrap().to_string(), id, "the next session skips the cancelled one");
        let res = app.call("cancel_session", &[("session_id", &id), ("reason", "  ")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let res = app.call("restore_session", &[("session_id", &id)], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK);
        let g = app.get("/api/get_group?slug=alumni-circle", None).await.json();
        assert!(g["upcoming"][0]["cancelled"].is_null());
    }

    async fn archived_groups_leave_the_directory(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let res = app.call("archive_group", &[("slug", "art-therapy-studio")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let list = app.get("/api/list_groups?query[q]=art+therapy", None).await;
        assert!(names(&list).is_empty());
        assert_eq!(app.get("/api/get_group?slug=art-therapy-studio", None).await.status, StatusCode::NOT_FOUND);
        let res = app.call("restore_group", &[("slug", "art-therapy-studio")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK);
        let list = app.get("/api/list_groups?query[q]=art+therapy", None).await;
        assert_eq!(names(&list), vec!["Art Therapy Studio"]);
    }

    async fn schedule_changes_never_touch_past_sessions(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        app.call("save_group", &group_form("Past Keeper", &["mon"]), Some(&staff)).await;
        let row = kindred::server::repo::groups::find_by_slug(&app.state.db, "past-keeper").await.unwrap().unwrap();
        let first = kindred::server::repo::groups::sessions_after(&app.state.db, row.id, 0, 1).await.unwrap()[0].clone();
        // A week later the first Monday session is in the past; move the group to Tuesdays.
        app.clock.advance(8 * 86_400);
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let mut form = group_form("Past Keeper", &["tue"]);
        form[0] = ("slug", "past-keeper");
        let res = app.call("save_group", &form, Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let still = kindred::server::repo::groups::find_session(&app.state.db, first.id).await.unwrap();
        assert_eq!(still, Some(first), "the past Monday session is untouched");
    }
}

mod members_only {
    use crate::support::*;
    use http::StatusCode;

    #[tokio::test]
    async fn a_members_only_directory_needs_sign_in() {
        let app = TestApp::with_config(Backend::Sqlite, |c| c.directory_members_only = true)
            .await
            .unwrap()
            .with_demo()
            .await;
        assert_eq!(
            app.get("/api/list_groups", None).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.get("/feed/groups.json", None).await.status,
            StatusCode::NOT_FOUND
        );
        let client = app.sign_in(CLIENT.0, CLIENT.1).await;
        assert_eq!(
            app.get("/api/list_groups", Some(&client)).await.status,
            StatusCode::OK
        );
    }
}

mod pagination {
    use crate::support::*;
    use http::StatusCode;

    #[tokio::test]
    async fn large_programs_are_paged_and_filters_survive_paging() {
        let app = TestApp::new(Backend::Sqlite)
            .await
            .unwrap()
            .with_demo()
            .await;
        kindred::server::seed::groups::load_synthetic(&app.state, 40)
            .await
            .unwrap();
        let first = app.get("/api/list_groups", None).await.json();
        assert_eq!(first["total"], 58);
        assert_eq!(first["matching"], 58);
        assert_eq!(first["pages"], 3);
        assert_eq!(first["groups"].as_array().unwrap().len(), 24);
        let last = app.get("/api/list_groups?query[page]=3", None).await.json();
        assert_eq!(last["page"], 3);
        assert_eq!(last["groups"].as_array().unwrap().len(), 10);
        let beyond = app
            .get("/api/list_groups?query[page]=99", None)
            .await
            .json();
        assert_eq!(
            beyond["page"], 3,
            "out-of-range pages clamp to the last one"
        );
        let html = app.get("/groups?level=iop&page=1", None).await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(
            html.body.contains("href=\"/groups?level=iop&amp;page=2\""),
            "next link keeps the filter"
        );
    }
}
