//! Program closures: staff add and remove days; sessions follow at once.

use http::StatusCode;

fn alumni_days(app_json: &serde_json::Value) -> Vec<i64> {
    app_json["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["starts_at"].as_i64().unwrap())
        .collect()
}

both_backends! {
    async fn a_closure_removes_that_days_sessions_and_reopening_restores_them(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(ADMIN.0, ADMIN.1).await;
        let before = app.get("/api/get_group?slug=alumni-circle", None).await.json();
        let first_saturday = alumni_days(&before)[0];
        // Alumni Circle meets Saturdays; 2026-11-28 is the first Saturday after T0.
        let res = app.call("add_closure", &[("day", "2026-11-28"), ("reason", "Building maintenance")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let after = app.get("/api/get_group?slug=alumni-circle", None).await.json();
        assert!(!alumni_days(&after).contains(&first_saturday), "the closed Saturday is gone");
        let list = app.get("/api/list_closures", Some(&staff)).await.json();
        assert!(list.as_array().unwrap().iter().any(|c| c["day"] == "2026-11-28" && c["label"] == "Sat, Nov 28, 2026"));

        let res = app.call("remove_closure", &[("day", "2026-11-28")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let reopened = app.get("/api/get_group?slug=alumni-circle", None).await.json();
        assert_eq!(alumni_days(&reopened)[0], first_saturday, "the Saturday is back");
        let audit = kindred::server::repo::audit::recent(&app.state.db, 5).await.unwrap();
        assert_eq!(audit[0].action, "closure.removed");
    }

    async fn bad_closure_input_is_refused_field_by_field(app) {
        let app = app.with_demo().await;
        let staff = app.sign_in(FACILITATOR.0, FACILITATOR.1).await;
        let res = app.call("add_closure", &[("day", "not-a-date"), ("reason", "")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let fields: Vec<String> = res.json()["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_string()).collect();
        assert_eq!(fields, ["day", "reason"]);
        let res = app.call("add_closure", &[("day", "2020-01-01"), ("reason", "Too late")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "past days are refused");
        let res = app.call("remove_closure", &[("day", "2026-12-31")], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
}
