//! One group's page (`/groups/{slug}`): what it is, when it meets, seats left.

use crate::api::directory::get_group;
use crate::api::signup::my_seats;
use crate::api::staff_groups::{CancelSession, RestoreSession, SetSessionTopic};
use crate::domain::group::{describe_seats, short_level, GroupDetail, GroupFormat, SessionSummary};
use crate::domain::signup::MySeat;
use crate::error::AppError;
use crate::ui::components::alert::{action_error, ErrorAlert, StatusAlert};
use crate::ui::components::async_view::AsyncView;
use crate::ui::components::seat_actions::{SeatActions, SignupActions, SignupFeedback};
use crate::ui::context::use_session;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Staff actions on one group's sessions, shared by the page and its rows.
#[derive(Clone, Copy)]
struct SessionActions {
    topic: ServerAction<SetSessionTopic>,
    cancel: ServerAction<CancelSession>,
    restore: ServerAction<RestoreSession>,
}

/// The group page.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let actions = SessionActions {
        topic: ServerAction::new(),
        cancel: ServerAction::new(),
        restore: ServerAction::new(),
    };
    provide_context(actions);
    let signup = SignupActions::provide();
    let data = Resource::new(
        move || {
            (
                slug.get(),
                actions.topic.version().get(),
                actions.cancel.version().get(),
                actions.restore.version().get(),
                signup.version(),
            )
        },
        |(slug, ..)| get_group(slug),
    );
    let seats = Resource::new(
        move || (slug.get(), signup.version()),
        |(slug, _)| my_seats(slug),
    );
    provide_context(MySeats(seats));
    let errors = [
        action_error(actions.topic.value()),
        action_error(actions.cancel.value()),
        action_error(actions.restore.value()),
    ];
    let error = Signal::derive(move || errors.iter().find_map(|e| e.get()));
    let query = use_query_map();
    view! {
        {move || {
            let q = query.read();
            q.get("saved")
                .map(|_| "Saved. Future sessions now follow this schedule.")
                .or_else(|| q.get("restored").map(|_| "Group restored to the directory."))
                .map(|m| view! { <StatusAlert success=true message=m /> })
        }}
        <ErrorAlert error />
        <SignupFeedback />
        <AsyncView resource=data let:group>
            <GroupDetails group />
        </AsyncView>
    }
}

#[component]
fn GroupDetails(group: GroupDetail) -> impl IntoView {
    let g = group.summary.clone();
    let title = format!("{} · Kindred", g.name);
    let ics = format!("/groups/{}/calendar.ics", g.slug);
    let ics_named = format!("{ics}?name=1");
    let levels: Vec<&str> = g.levels.to_vec().into_iter().map(short_level).collect();
    let may_join = group.viewer_may_join.map(|ok| {
        if ok {
            "Your level of care can join this group.".to_string()
        } else {
            format!("This group is for {} clients.", levels.join(" and "))
        }
    });
    let facilitators = match &group.co_facilitator {
        Some(co) => format!("{} and {}", group.facilitator, co),
        None => group.facilitator.clone(),
    };
    let place = match (g.format, group.location.clone()) {
        (GroupFormat::InPerson, Some(room)) => format!("In person: {room}"),
        (GroupFormat::InPerson, None) => "In person".to_string(),
        (GroupFormat::Virtual, _) => {
            "Virtual. The video link is shown to confirmed members shortly before each session."
                .to_string()
        }
    };
    let session = use_session();
    let is_staff = Signal::derive(move || {
        session
            .me
            .get()
            .and_then(|r| r.ok())
            .flatten()
            .is_some_and(|m| m.is_staff())
    });
    let edit_href = format!("/staff/groups/{}/edit", g.slug);
    view! {
        <Title text=title />
        <div class="page-header">
            <p class="page-header__eyebrow">
                <a href="/groups">"All groups"</a>
            </p>
            <h1 class="page-header__title">{g.name.clone()}</h1>
            <p class="group-card__meta">
                <span class="badge">{g.kind.label()}</span>
                <span class="badge">{g.levels.describe()}</span>
                <span class="badge">{g.format.label()}</span>
                {(!g.is_open).then(|| view! { <span class="badge">"Closed group"</span> })}
            </p>
            {move || {
                is_staff
                    .get()
                    .then(|| {
                        view! {
                            <p>
                                <a class="button button--secondary" href=edit_href.clone()>
                                    "Edit group"
                                </a>
                            </p>
                        }
                    })
            }}
        </div>
        {may_join.map(|m| view! { <p class="alert alert--info">{m}</p> })}
        <section class="card" aria-labelledby="about-title">
            <h2 id="about-title" class="card__title">"About this group"</h2>
            <div class="card__body">
                <p class="group__description">{group.description.clone()}</p>
                <dl class="definition-list">
                    <dt>"When"</dt>
                    <dd>{format!("{} ({})", g.schedule.describe(), group.time_zone)}</dd>
                    <dt>"Where"</dt>
                    <dd>{place}</dd>
                    <dt>"Facilitated by"</dt>
                    <dd>{facilitators}</dd>
                    <dt>"Language"</dt>
                    <dd>{g.language.clone()}</dd>
                    <dt>"Group size"</dt>
                    <dd>{format!("Up to {} people", group.capacity)}</dd>
                    <dt>"Accessibility"</dt>
                    <dd>
                        {if group.accessibility.is_empty() {
                            "Ask the program about access needs.".to_string()
                        } else {
                            group.accessibility.clone()
                        }}
                    </dd>
                </dl>
                <p class="form__actions">
                    <a class="button button--secondary" href=ics download="kindred-group.ics">
                        "Add to calendar"
                    </a>
                    <a class="button button--link" href=ics_named download="kindred-group.ics">
                        "Add to calendar with the group's name"
                    </a>
                </p>
                <p class="form__hint">
                    "The plain calendar entry is titled “Kindred group” so the group isn't named on your phone."
                </p>
            </div>
        </section>
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">"Upcoming sessions"</h2>
            {if group.upcoming.is_empty() {
                view! { <p class="empty-state">"No sessions are scheduled in the next weeks."</p> }.into_any()
            } else {
                view! {
                    <ul class="session-list">
                        {group
                            .upcoming
                            .into_iter()
                            .map(|s| {
                                let status = match &s.cancelled {
                                    Some(reason) if reason.is_empty() => "Cancelled".to_string(),
                                    Some(reason) => format!("Cancelled — {reason}"),
                                    None => describe_seats(s.seats_left),
                                };
                                let class = if s.cancelled.is_some() { "session-list__item session-list__item--cancelled" } else { "session-list__item" };
                                let manage = s.clone();
                                let seat = (s.cancelled.is_none()).then(|| view! {
                                    <ClientSeat session_id=s.id full=s.seats_left == 0 may_join=group.viewer_may_join is_open=g.is_open />
                                });
                                view! {
                                    <li class=class>
                                        <span class="session-list__when">{s.when.clone()}</span>
                                        {s.topic.clone().map(|t| view! { <span class="session-list__topic">{t}</span> })}
                                        <span class="session-list__seats">{status}</span>
                                        {seat}
                                        {move || is_staff.get().then(|| view! { <SessionManager session=manage.clone() /> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The signed-in client's seats in this group's sessions.
#[derive(Clone, Copy)]
struct MySeats(Resource<Result<Vec<MySeat>, AppError>>);

/// What a person can do about one session: sign in, sign up, or manage their seat.
#[component]
fn ClientSeat(session_id: i64, full: bool, may_join: Option<bool>, is_open: bool) -> impl IntoView {
    let MySeats(seats) = expect_context::<MySeats>();
    let session = use_session();
    move || {
        let signed_in = session.me.get().and_then(|r| r.ok()).flatten();
        let seat = seats
            .get()
            .and_then(|r| r.ok())
            .and_then(|list| list.into_iter().find(|s| s.session_id == session_id));
        match (signed_in, seat, may_join) {
            (None, ..) => view! {
                <a class="button button--link" href="/sign-in">"Sign in to sign up"</a>
            }
            .into_any(),
            (Some(_), Some(seat), _) => view! {
                <span class="session-list__mine">{seat.describe()}</span>
                <SeatActions session_id seat=Some(seat) />
            }
            .into_any(),
            (Some(_), None, Some(true)) if is_open => {
                view! { <SeatActions session_id seat=None full /> }.into_any()
            }
            (Some(_), None, Some(true)) => view! {
                <span class="form__hint">"Closed group: your facilitator adds members."</span>
            }
            .into_any(),
            _ => ().into_any(),
        }
    }
}

/// Staff controls for one session: topic of the day, cancel or restore.
#[component]
fn SessionManager(session: SessionSummary) -> impl IntoView {
    let actions = expect_context::<SessionActions>();
    let id = session.id.to_string();
    let id_topic = id.clone();
    let topic_id = format!("topic-{}", session.id);
    let reason_id = format!("reason-{}", session.id);
    view! {
        <details class="session-list__manage">
            <summary>"Manage session"</summary>
            <p>
                <a class="button button--secondary" href=format!("/staff/sessions/{}", session.id)>"Roster and attendance"</a>
            </p>
            <ActionForm action=actions.topic attr:class="form">
                <input type="hidden" name="session_id" value=id_topic />
                <label class="form__label" for=topic_id.clone()>"Topic of the day"</label>
                <input class="form__input" id=topic_id name="topic" value=session.topic.clone().unwrap_or_default() />
                <button class="button button--secondary" type="submit">"Save topic"</button>
            </ActionForm>
            {match session.cancelled {
                None => view! {
                    <ActionForm action=actions.cancel attr:class="form">
                        <input type="hidden" name="session_id" value=id.clone() />
                        <label class="form__label" for=reason_id.clone()>"Reason for cancelling (clients see it)"</label>
                        <input class="form__input" id=reason_id name="reason" required=true />
                        <button class="button button--danger" type="submit">"Cancel this session"</button>
                    </ActionForm>
                }.into_any(),
                Some(_) => view! {
                    <ActionForm action=actions.restore attr:class="form">
                        <input type="hidden" name="session_id" value=id.clone() />
                        <button class="button button--secondary" type="submit">"Restore this session"</button>
                    </ActionForm>
                }.into_any(),
            }}
        </details>
    }
}
