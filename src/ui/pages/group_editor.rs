//! Staff: the form to create or edit a group, with a preview of its next sessions.

use crate::api::staff_groups::{
    get_group_for_edit, preview_schedule, ArchiveGroup, GroupEditData, RestoreGroup, SaveGroup,
};
use crate::domain::group::{GroupFormat, GroupKind};
use crate::domain::group_input::GroupInput;
use crate::domain::role::LevelOfCare;
use crate::domain::schedule::WEEKDAYS;
use crate::error::AppError;
use crate::ui::components::alert::{action_error, ErrorAlert, StatusAlert};
use crate::ui::components::async_view::AsyncView;
use crate::ui::components::form_field::escape_text;
use crate::ui::components::form_field::FormField;
use crate::ui::components::staff_only::StaffOnly;
use crate::ui::context::{use_session, Audience};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/staff/groups/new` and `/staff/groups/{slug}/edit`.
#[component]
pub fn GroupEditorPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = Resource::new(
        move || slug.get(),
        move |slug| {
            session.load_for(Audience::Staff, async move {
                if slug.is_empty() {
                    Ok(None)
                } else {
                    get_group_for_edit(slug).await.map(Some)
                }
            })
        },
    );
    view! {
        <StaffOnly>
            <AsyncView resource=data let:existing>
                <GroupEditor existing />
            </AsyncView>
        </StaffOnly>
    }
}

fn default_input() -> GroupInput {
    GroupInput {
        format: GroupFormat::InPerson.as_str().into(),
        capacity: "12".into(),
        min_size: "3".into(),
        language: "English".into(),
        is_open: true,
        start_time: "18:00".into(),
        duration_minutes: "90".into(),
        ..GroupInput::default()
    }
}

#[component]
fn GroupEditor(existing: Option<GroupEditData>) -> impl IntoView {
    let save = ServerAction::<SaveGroup>::new();
    let archive = ServerAction::<ArchiveGroup>::new();
    let restore = ServerAction::<RestoreGroup>::new();
    let error = action_error(save.value());
    let summary = Signal::derive(move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
    });
    let query = use_query_map();
    let is_new = existing.is_none();
    let slug = existing
        .as_ref()
        .map(|e| e.slug.clone())
        .unwrap_or_default();
    let slug_form = slug.clone();
    let archived = existing.as_ref().is_some_and(|e| e.archived);
    let initial_preview = existing
        .as_ref()
        .map(|e| e.preview.clone())
        .unwrap_or_default();
    let input = existing.map(|e| e.input).unwrap_or_else(default_input);
    let title = if is_new {
        "New group".to_string()
    } else {
        format!("Edit {}", input.name)
    };

    let field_error = move |name: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.reason_for(name)))
    };

    view! {
        <Title text=format!("{title} · Kindred") />
        <div class="page-header">
            <p class="page-header__eyebrow">
                <a href="/groups">"All groups"</a>
            </p>
            <h1 class="page-header__title">{title.clone()}</h1>
        </div>
        {move || query.read().get("archived").map(|_| view! { <StatusAlert message="Group archived. It no longer appears in the directory." /> })}
        {archived.then(|| view! { <p class="alert alert--info">"This group is archived and hidden from the directory."</p> })}
        <ErrorAlert error=summary />
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <input type="hidden" name="slug" value=slug_form />
            <FormField label="Name" name="name" value=input.name.clone() error />
            <SelectField label="Kind of group" name="kind" current=input.kind.clone() error=field_error("kind")
                options=GroupKind::ALL.iter().map(|k| (k.as_str(), k.label())).collect() />
            <TextAreaField label="Description" name="description" value=input.description.clone() error=field_error("description") />
            <CheckboxGroup legend="Levels of care it serves" name="levels[]" field="levels" checked=input.levels.clone()
                options=LevelOfCare::ALL.iter().map(|l| (l.as_str(), l.label())).collect() error=field_error("levels") />
            <FormField label="Facilitator" name="facilitator" hint="Professional name and credential, e.g. Dana Ruiz, LICSW" value=input.facilitator.clone() error />
            <FormField label="Co-facilitator (optional)" name="co_facilitator" value=input.co_facilitator.clone() required=false error />
            <SelectField label="Format" name="format" current=input.format.clone() error=field_error("format")
                options=GroupFormat::ALL.iter().map(|f| (f.as_str(), f.label())).collect() />
            <FormField label="Room or address (in person)" name="location" value=input.location.clone() required=false error />
            <FormField label="Video link (virtual)" name="virtual_link" input_type="url" hint="Only confirmed members see it, shortly before each session." value=input.virtual_link.clone() required=false error />
            <FormField label="Capacity" name="capacity" input_type="number" hint="Seats per session (2–40)." value=input.capacity.clone() error />
            <FormField label="Minimum to run" name="min_size" input_type="number" value=input.min_size.clone() error />
            <FormField label="Language" name="language" value=input.language.clone() error />
            <FormField label="Accessibility notes (optional)" name="accessibility" hint="Wheelchair access, ASL, hearing loop …" value=input.accessibility.clone() required=false error />
            <div class="form__field filters__check">
                <input id="field-is_open" type="checkbox" name="is_open" value="on" checked=input.is_open />
                <label for="field-is_open">"Open group (clients can sign up themselves)"</label>
            </div>
            <ScheduleFields
                weekdays=input.weekdays.clone()
                start_time=input.start_time.clone()
                duration_minutes=input.duration_minutes.clone()
                initial_preview
                weekdays_error=field_error("weekdays").get_untracked()
                start_time_error=field_error("start_time").get_untracked()
                duration_error=field_error("duration_minutes").get_untracked()
            />
            {move || error.get().and_then(|e| e.reason_for("confirm_drop")).map(|reason| view! {
                <div class="alert alert--warning form__field" role="alert">
                    <p id="confirm-drop-reason">{reason}</p>
                    <div class="filters__check">
                        <input id="field-confirm_drop" type="checkbox" name="confirm_drop" value="on" aria-describedby="confirm-drop-reason" />
                        <label for="field-confirm_drop">"Cancel those sessions and tell the people signed up"</label>
                    </div>
                </div>
            })}
            <div class="form__actions">
                <button class="button button--primary" type="submit">
                    {if is_new { "Create group" } else { "Save changes" }}
                </button>
                <a class="button button--secondary" href="/groups">"Cancel"</a>
            </div>
        </ActionForm>
        {(!is_new).then(|| {
            let slug_a = slug.clone();
            let slug_r = slug.clone();
            if archived {
                view! {
                    <ActionForm action=restore attr:class="form">
                        <input type="hidden" name="slug" value=slug_r />
                        <button class="button button--secondary" type="submit">"Restore group"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <details class="card">
                        <summary>"Archive this group"</summary>
                        <ActionForm action=archive attr:class="form">
                            <p>"Archiving hides the group from the directory and removes its future sessions. You can restore it later."</p>
                            <input type="hidden" name="slug" value=slug_a />
                            <button class="button button--danger" type="submit">"Archive group"</button>
                        </ActionForm>
                    </details>
                }.into_any()
            }
        })}
    }
}

/// A labelled `<select>` with the current value selected.
#[component]
fn SelectField(
    label: &'static str,
    name: &'static str,
    current: String,
    options: Vec<(&'static str, &'static str)>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="form__field">
            <label class="form__label" for=id.clone()>{label}</label>
            <select class="form__input" id=id name=name aria-invalid=move || error.get().map(|_| "true")>
                <option value="" selected=current.is_empty()>"Choose…"</option>
                {options.into_iter().map(|(v, l)| view! { <option value=v selected=current == v>{l}</option> }).collect_view()}
            </select>
            {move || error.get().map(|m| view! { <p class="form__error">{m}</p> })}
        </div>
    }
}

/// A labelled `<textarea>`.
#[component]
fn TextAreaField(
    label: &'static str,
    name: &'static str,
    value: String,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="form__field">
            <label class="form__label" for=id.clone()>{label}</label>
            // The text goes in as escaped inner HTML, not as a child node: a textarea's
            // content is raw text to the browser, and an empty child would leave
            // hydration nothing to attach to.
            <textarea
                class="form__input"
                id=id
                name=name
                rows="4"
                aria-invalid=move || error.get().map(|_| "true")
                inner_html=escape_text(&value)
            ></textarea>
            {move || error.get().map(|m| view! { <p class="form__error">{m}</p> })}
        </div>
    }
}

/// A fieldset of checkboxes.
#[component]
fn CheckboxGroup(
    legend: &'static str,
    name: &'static str,
    field: &'static str,
    checked: Vec<String>,
    options: Vec<(&'static str, &'static str)>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="form__field">
            <legend class="form__label">{legend}</legend>
            {options
                .into_iter()
                .map(|(v, l)| {
                    let id = format!("{field}-{v}");
                    let on = checked.iter().any(|c| c == v);
                    view! {
                        <span class="filters__check">
                            <input id=id.clone() type="checkbox" name=name value=v checked=on />
                            <label for=id>{l}</label>
                        </span>
                    }
                })
                .collect_view()}
            {move || error.get().map(|m| view! { <p class="form__error">{m}</p> })}
        </fieldset>
    }
}

/// The schedule fields and the list of the next sessions they give. An
/// island: with JavaScript the list follows the fields as they change; the
/// page first shows the saved schedule's sessions, computed on the server.
#[island]
fn ScheduleFields(
    weekdays: Vec<String>,
    start_time: String,
    duration_minutes: String,
    initial_preview: Vec<String>,
    weekdays_error: Option<String>,
    start_time_error: Option<String>,
    duration_error: Option<String>,
) -> impl IntoView {
    let days = RwSignal::new(weekdays.clone());
    let start = RwSignal::new(start_time.clone());
    let duration = RwSignal::new(duration_minutes.clone());
    let preview = Action::new(|args: &(Vec<String>, String, String)| {
        let (d, s, m) = args.clone();
        preview_schedule(d, s, m)
    });
    let refresh = move || {
        preview.dispatch((
            days.get_untracked(),
            start.get_untracked(),
            duration.get_untracked(),
        ));
    };
    let error_line = |e: Option<String>| e.map(|m| view! { <p class="form__error">{m}</p> });
    view! {
        <fieldset class="form__field">
            <legend class="form__label">"Meets on"</legend>
            {WEEKDAYS
                .iter()
                .map(|(value, _, long, _)| {
                    let value = *value;
                    let id = format!("day-{value}");
                    let checked = weekdays.iter().any(|d| d == value);
                    view! {
                        <span class="filters__check">
                            <input
                                id=id.clone()
                                type="checkbox"
                                name="weekdays[]"
                                value=value
                                checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    days.update(|d| {
                                        d.retain(|x| x != value);
                                        if on {
                                            d.push(value.to_string());
                                        }
                                    });
                                    refresh();
                                }
                            />
                            <label for=id>{*long}</label>
                        </span>
                    }
                })
                .collect_view()}
            {error_line(weekdays_error)}
        </fieldset>
        <div class="form__field">
            <label class="form__label" for="field-start_time">"Start time (program time zone)"</label>
            <input class="form__input" id="field-start_time" type="time" name="start_time" value=start_time
                on:change=move |ev| {
                    start.set(event_target_value(&ev));
                    refresh();
                } />
            {error_line(start_time_error)}
        </div>
        <div class="form__field">
            <label class="form__label" for="field-duration_minutes">"Length in minutes"</label>
            <input class="form__input" id="field-duration_minutes" type="number" name="duration_minutes" min="15" max="240" value=duration_minutes
                on:change=move |ev| {
                    duration.set(event_target_value(&ev));
                    refresh();
                } />
            {error_line(duration_error)}
        </div>
        <section class="card" aria-labelledby="preview-title" aria-live="polite">
            <h2 id="preview-title" class="card__title">"Next sessions with this schedule"</h2>
            <div class="card__body">
                {move || {
                    let list = match preview.value().get() {
                        None => Ok(initial_preview.clone()),
                        Some(result) => result,
                    };
                    match list {
                        Ok(list) if list.is_empty() => {
                            view! { <p>"Choose days and a start time to see the next sessions."</p> }.into_any()
                        }
                        Ok(list) => {
                            view! { <ul>{list.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul> }
                                .into_any()
                        }
                        Err(e) => view! { <p>{e.to_string()}</p> }.into_any(),
                    }
                }}
                <p class="form__hint">"Program closures are skipped. Saving updates future sessions only; past sessions never change."</p>
            </div>
        </section>
    }
}
