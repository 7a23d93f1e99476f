//! `/me/schedule`: a client's upcoming sessions, offers, program hours and
//! private calendar feed.

use crate::api::signup::{get_my_schedule, CreateCalendarFeed, RevokeCalendarFeed};
use crate::domain::signup::{HoursMeter, MySchedule, ScheduleEntry, SignupStatus};
use crate::error::AppError;
use crate::ui::components::alert::ErrorAlert;
use crate::ui::components::async_view::AsyncView;
use crate::ui::components::seat_actions::{SeatActions, SignupActions, SignupFeedback};
use crate::ui::context::{use_session, Audience};
use crate::ui::pages::account::SignInPrompt;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// My schedule.
#[component]
pub fn MySchedulePage() -> impl IntoView {
    let session = use_session();
    // Made here, outside the session gate, whose content renders more than
    // once on the server: a resource made inside would load once per render.
    let signup = SignupActions::provide();
    let data = Resource::new(
        move || (signup.version(),),
        move |_| session.load_for(Audience::Client, get_my_schedule()),
    );
    view! {
        <Title text="My schedule · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"My schedule"</h1>
            <p class="page-header__lead">"Your upcoming sessions, seat offers and this week's hours."</p>
        </div>
        <AsyncView resource=session.me let:me>
            {match me {
                Some(me) if !me.is_staff() => view! { <ScheduleView data /> }.into_any(),
                Some(_) => view! {
                    <p class="empty-state">
                        "Staff don't have a personal schedule. See "
                        <a href="/staff/today">"today's sessions"</a>
                        "."
                    </p>
                }
                .into_any(),
                None => view! { <SignInPrompt /> }.into_any(),
            }}
        </AsyncView>
    }
}

#[component]
fn ScheduleView(data: Resource<Result<MySchedule, AppError>>) -> impl IntoView {
    view! {
        <SignupFeedback />
        <AsyncView resource=data let:schedule>
            <ScheduleBody schedule />
        </AsyncView>
    }
}

#[component]
fn ScheduleBody(schedule: MySchedule) -> impl IntoView {
    let MySchedule {
        entries,
        hours,
        has_feed,
    } = schedule;
    view! {
        {hours.map(|hours| view! { <HoursMeterCard hours /> })}
        <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">"Upcoming"</h2>
            {if entries.is_empty() {
                view! {
                    <p class="empty-state">
                        "You haven't signed up for any sessions yet. "
                        <a href="/groups">"Find a group"</a>
                        "."
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <ul class="schedule-list">
                        {entries.into_iter().map(|entry| view! { <ScheduleItem entry /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <CalendarFeed has_feed />
    }
}

#[component]
fn ScheduleItem(entry: ScheduleEntry) -> impl IntoView {
    let status_class = match entry.seat.status {
        SignupStatus::Confirmed => "badge badge--success",
        SignupStatus::Offered => "badge badge--warning",
        _ => "badge",
    };
    let href = format!("/groups/{}", entry.group_slug);
    let where_ = match (&entry.join_link, &entry.join_opens, &entry.location) {
        (Some(link), ..) => view! {
            <a class="button button--primary" href=link.clone() rel="noopener noreferrer" target="_blank">"Join the video session"</a>
        }
        .into_any(),
        (None, Some(opens), _) => view! {
            <span class="form__hint">{format!("Virtual. The join link appears here {opens}.")}</span>
        }
        .into_any(),
        (None, None, Some(room)) => view! { <span>{format!("In person: {room}")}</span> }.into_any(),
        _ => view! { <span>{entry.format.clone()}</span> }.into_any(),
    };
    let cancelled = entry.cancelled.clone();
    view! {
        <li class="schedule-list__item">
            <p class="schedule-list__when">
                <strong>{entry.when.clone()}</strong>
                {format!(" · {}", entry.duration)}
            </p>
            <p class="schedule-list__group">
                <a href=href>{entry.group_name.clone()}</a>
                {entry.topic.clone().map(|t| view! { <span class="session-list__topic">{format!(" — {t}")}</span> })}
            </p>
            {match cancelled {
                Some(reason) => view! {
                    <p class="alert alert--warning">
                        {if reason.is_empty() { "The program cancelled this session.".to_string() } else { format!("The program cancelled this session: {reason}") }}
                    </p>
                }
                .into_any(),
                None => view! {
                    <p>
                        <span class=status_class>{entry.seat.describe()}</span>
                    </p>
                    <p class="schedule-list__where">{where_}</p>
                    <SeatActions session_id=entry.seat.session_id seat=Some(entry.seat.clone()) late=entry.cancel_is_late />
                    <p>
                        <a class="button button--link" href=format!("/sessions/{}/calendar.ics", entry.seat.session_id) download="kindred-session.ics" aria-label=format!("Add to calendar: the session {}", entry.when)>
                            "Add to calendar"
                        </a>
                    </p>
                }
                .into_any(),
            }}
        </li>
    }
}

/// This week's program hours against the target, with suggestions that fit.
#[component]
pub fn HoursMeterCard(hours: HoursMeter) -> impl IntoView {
    let percent = hours.percent();
    let summary = hours.describe();
    let days = format!(
        "{} of {} days this week",
        hours.days.min(hours.target_days),
        hours.target_days
    );
    let met = hours.is_met();
    let suggestions = hours.suggestions.clone();
    view! {
        <section class="card hours-meter" aria-labelledby="hours-title">
            <h2 id="hours-title" class="card__title">"This week's program hours"</h2>
            <div class="card__body">
                <p class="hours-meter__summary">
                    <strong>{summary.clone()}</strong>
                    {format!(" ({} level) · {days}", hours.level.label())}
                </p>
                <progress class="hours-meter__bar" max="100" value=percent.to_string() aria-label=format!("{summary}, attended and booked")>
                    {format!("{percent}%")}
                </progress>
                <p class="form__hint">
                    {format!(
                        "Attended {} h, booked {} h.",
                        crate::domain::signup::hours(hours.attended_minutes),
                        crate::domain::signup::hours(hours.booked_minutes)
                    )}
                    {if met { " Your week is covered." } else { "" }}
                </p>
                {(!met && !suggestions.is_empty()).then(|| view! {
                    <h3 class="hours-meter__suggest-title">"Sessions with seats that fit your week"</h3>
                    <ul class="hours-meter__suggestions">
                        {suggestions.into_iter().map(|s| view! {
                            <li>
                                <a href=format!("/groups/{}", s.group_slug)>{s.group_name.clone()}</a>
                                {format!(" · {} · {}", s.when, s.seats)}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </div>
        </section>
    }
}

/// The private calendar feed. An island: the new address is shown in place
/// and never put in a URL.
#[island]
fn CalendarFeed(has_feed: bool) -> impl IntoView {
    let create_feed = ServerAction::<CreateCalendarFeed>::new();
    let revoke_feed = ServerAction::<RevokeCalendarFeed>::new();
    // Only this page's own calls: an error carried in the URL after a plain
    // form post is not known to the browser's copy of this island.
    let error = Signal::derive(move || {
        let create = (create_feed.version().get() > 0)
            .then(|| create_feed.value().get())
            .flatten()
            .and_then(|r| r.err());
        let revoke = (revoke_feed.version().get() > 0)
            .then(|| revoke_feed.value().get())
            .flatten()
            .and_then(|r| r.err());
        create.or(revoke)
    });
    // What the page shows follows the latest answer: a new address, or off.
    let active = RwSignal::new(has_feed);
    let address = RwSignal::new(None::<String>);
    let turned_off = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(path)) = create_feed.value().get() {
            address.set(Some(path));
            active.set(true);
            turned_off.set(false);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = revoke_feed.value().get() {
            address.set(None);
            active.set(false);
            turned_off.set(true);
        }
    });
    view! {
        <section class="card" aria-labelledby="feed-title">
            <h2 id="feed-title" class="card__title">"Calendar feed"</h2>
            <div class="card__body">
                <p>
                    "Subscribe in your phone's calendar to see your confirmed sessions there. Entries are titled “Kindred session” — no group name, no program type."
                </p>
                <ErrorAlert error />
                {move || turned_off.get().then(|| view! {
                    <p class="alert alert--info" role="status">"The feed is off. Calendars using the old address stop updating."</p>
                })}
                {move || address.get().map(|path| view! {
                    <p class="alert alert--success" role="status">
                        "Your private address (keep it to yourself): "
                        <a href=path.clone()>{path.clone()}</a>
                    </p>
                })}
                <div class="form__actions">
                    <ActionForm action=create_feed>
                        <button class="button button--secondary" type="submit">
                            {move || if active.get() { "Make a new address" } else { "Create my calendar address" }}
                        </button>
                    </ActionForm>
                    {move || active.get().then(|| view! {
                        <ActionForm action=revoke_feed>
                            <button class="button button--link" type="submit">"Turn the feed off"</button>
                        </ActionForm>
                    })}
                </div>
                {move || active.get().then(|| view! {
                    <p class="form__hint">"A new address stops the old one from working."</p>
                })}
            </div>
        </section>
    }
}
