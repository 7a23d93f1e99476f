//! The group directory (`/groups`): filters in the URL, results ordered from now.

use crate::api::directory::{list_groups, DirectoryQuery};
use crate::domain::group::{
    describe_seats, short_level, DirectoryPage as Page, GroupFormat, GroupKind, GroupSummary,
    Timing,
};
use crate::domain::role::LevelOfCare;
use crate::domain::schedule::{TimeOfDay, WEEKDAYS};
use crate::ui::components::async_view::AsyncView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// Reads the directory filters from the URL.
fn use_directory_query() -> Memo<DirectoryQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        DirectoryQuery {
            day: get("day"),
            time: get("time"),
            kind: get("kind"),
            level: get("level"),
            format: get("format"),
            language: get("language"),
            seats: get("seats"),
            q: get("q"),
            page: get("page"),
        }
    })
}

/// A `<select>` whose options mark the current value as selected.
#[component]
fn FilterSelect(
    /// Label text.
    label: &'static str,
    /// Query parameter name.
    name: &'static str,
    /// Text of the "any" option.
    any: &'static str,
    /// (value, label) pairs.
    options: Vec<(String, String)>,
    /// Current value.
    current: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <div class="filters__field">
            <label class="form__label" for=id.clone()>
                {label}
            </label>
            <select class="form__input" id=id name=name>
                <option value="" selected=move || current.get().is_none()>
                    {any}
                </option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let v = value.clone();
                        view! {
                            <option value=value selected=move || current.get().as_deref() == Some(v.as_str())>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The directory page.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let query = use_directory_query();
    let data = Resource::new(move || query.get(), list_groups);
    let cur =
        move |f: fn(&DirectoryQuery) -> Option<String>| Signal::derive(move || f(&query.get()));
    let days = WEEKDAYS
        .iter()
        .map(|(v, _, l, _)| (v.to_string(), l.to_string()))
        .collect();
    let times = TimeOfDay::ALL
        .iter()
        .map(|t| (t.as_str().to_string(), t.label().to_string()))
        .collect();
    let kinds = GroupKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), k.label().to_string()))
        .collect();
    let levels = LevelOfCare::ALL
        .iter()
        .map(|l| (l.as_str().to_string(), l.label().to_string()))
        .collect();
    let formats = GroupFormat::ALL
        .iter()
        .map(|f| (f.as_str().to_string(), f.label().to_string()))
        .collect();
    let languages = Signal::derive(move || {
        data.get()
            .and_then(|r| r.ok())
            .map(|p| {
                p.languages
                    .into_iter()
                    .map(|l| (l.clone(), l))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <Title text="Groups · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"Groups"</h1>
            <p class="page-header__lead">
                "Find a group that fits your week. Seat counts are shown, never who attends."
            </p>
        </div>
        <Form method="GET" action="/groups" attr:class="filters" attr:role="search" attr:aria-label="Filter groups">
            <div class="filters__field filters__field--wide">
                <label class="form__label" for="filter-q">
                    "Search"
                </label>
                <input
                    class="form__input"
                    id="filter-q"
                    type="search"
                    name="q"
                    placeholder="Name, topic or facilitator"
                    prop:value=move || query.get().q.unwrap_or_default()
                    value=move || query.get().q.unwrap_or_default()
                />
            </div>
            <FilterSelect label="Day" name="day" any="Any day" options=days current=cur(|q| q.day.clone()) />
            <FilterSelect label="Time of day" name="time" any="Any time" options=times current=cur(|q| q.time.clone()) />
            <FilterSelect label="Kind" name="kind" any="Any kind" options=kinds current=cur(|q| q.kind.clone()) />
            <FilterSelect label="Level of care" name="level" any="Any level" options=levels current=cur(|q| q.level.clone()) />
            <FilterSelect label="Format" name="format" any="Any format" options=formats current=cur(|q| q.format.clone()) />
            // Languages come from the loaded groups, so this select waits for them
            // like the results do (it must match the server's HTML when hydrating).
            <Transition fallback=|| ()>
                {move || {
                    view! {
                        <FilterSelect
                            label="Language"
                            name="language"
                            any="Any language"
                            options=languages.get()
                            current=cur(|q| q.language.clone())
                        />
                    }
                }}
            </Transition>
            <div class="filters__field filters__check">
                <input
                    id="filter-seats"
                    type="checkbox"
                    name="seats"
                    value="1"
                    checked=move || query.get().seats.is_some()
                    prop:checked=move || query.get().seats.is_some()
                />
                <label for="filter-seats">"Only groups with open seats"</label>
            </div>
            <div class="form__actions">
                <button class="button button--primary" type="submit">
                    "Show groups"
                </button>
                <a class="button button--secondary" href="/groups">
                    "Clear filters"
                </a>
            </div>
        </Form>
        <AsyncView resource=data let:page>
            <DirectoryResults page />
        </AsyncView>
    }
}

#[component]
fn DirectoryResults(page: Page) -> impl IntoView {
    let count = page.matching;
    let pager = (page.pages > 1).then(|| view! { <Pager page=page.page pages=page.pages /> });
    let summary = if count == page.total {
        format!("{count} groups")
    } else if count == 1 {
        format!("1 of {} groups matches", page.total)
    } else {
        format!("{count} of {} groups match", page.total)
    };
    let viewer_level = page.viewer_level;
    view! {
        <p class="directory__count" role="status" aria-live="polite">
            {summary}
        </p>
        {if page.groups.is_empty() {
            view! {
                <div class="empty-state">
                    <p>"No groups match all of these filters."</p>
                    <p>"Try removing a filter, or " <a href="/groups">"see every group"</a> "."</p>
                </div>
            }
                .into_any()
        } else {
            view! {
                <ul class="group-list">
                    {page
                        .groups
                        .into_iter()
                        .map(|g| view! { <li><GroupCard group=g viewer_level /></li> })
                        .collect_view()}
                </ul>
                {pager}
            }
                .into_any()
        }}
    }
}

/// One group in the directory: kind, level of care, next time in words, seats.
#[component]
pub fn GroupCard(group: GroupSummary, viewer_level: Option<LevelOfCare>) -> impl IntoView {
    let href = format!("/groups/{}", group.slug);
    let not_for_viewer = viewer_level
        .filter(|l| !group.levels.contains(*l))
        .map(|_| {
            let names: Vec<&str> = group.levels.to_vec().into_iter().map(short_level).collect();
            format!("For {} clients", names.join(" and "))
        });
    let seats = group.next.as_ref().map(|s| s.seats_left);
    let full = seats.is_some_and(|s| s <= 0);
    let class = if full {
        "group-card group-card--full"
    } else {
        "group-card"
    };
    view! {
        <article class=class>
            <h2 class="group-card__title">
                <a href=href>{group.name.clone()}</a>
            </h2>
            <p class="group-card__meta">
                <span class="badge">{group.kind.label()}</span>
                <span class="badge">{group.levels.describe()}</span>
                <span class="badge">{group.format.label()}</span>
                {(group.language != "English").then(|| view! { <span class="badge">{group.language.clone()}</span> })}
                {match group.timing {
                    Timing::InProgress => Some("In progress"),
                    Timing::StartingSoon => Some("Starting soon"),
                    _ => None,
                }
                    .map(|t| view! { <span class="badge badge--accent">{t}</span> })}
            </p>
            <p class="group-card__when">
                {match &group.next {
                    Some(s) => format!("{} · {} min", s.when, group.schedule.duration_minutes),
                    None => "No upcoming sessions".to_string(),
                }}
            </p>
            <p class="group-card__schedule">{group.schedule.describe()}</p>
            {seats.map(|s| view! { <p class="group-card__seats">{describe_seats(s)}</p> })}
            {not_for_viewer.map(|t| view! { <p class="group-card__note">{t}</p> })}
        </article>
    }
}

/// "Page 2 of 9" with links that keep the filters.
#[component]
fn Pager(page: usize, pages: usize) -> impl IntoView {
    let query = use_query_map();
    let href = move |n: usize| {
        let q = query.read();
        let filter = crate::domain::group::DirectoryFilter::from_query(|k| q.get(k));
        let rest = filter.to_query();
        if rest.is_empty() {
            format!("/groups?page={n}")
        } else {
            format!("/groups?{rest}&page={n}")
        }
    };
    view! {
        <nav class="pager" aria-label="Pages of groups">
            {(page > 1).then(|| view! { <a class="button button--secondary" href=href(page - 1) rel="prev">"Previous page"</a> })}
            <span class="pager__status">{format!("Page {page} of {pages}")}</span>
            {(page < pages).then(|| view! { <a class="button button--secondary" href=href(page + 1) rel="next">"Next page"</a> })}
        </nav>
    }
}
