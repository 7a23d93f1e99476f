//! Staff: program closure days.

use crate::api::closures::{list_closures, AddClosure, ClosureView, RemoveClosure};
use crate::error::AppError;
use crate::ui::components::alert::{action_error, ErrorAlert};
use crate::ui::components::async_view::AsyncView;
use crate::ui::components::form_field::FormField;
use crate::ui::components::staff_only::StaffOnly;
use crate::ui::context::{use_session, Audience};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/closures`: the days the program is closed.
#[component]
pub fn StaffClosuresPage() -> impl IntoView {
    // Made outside the staff gate, whose content renders more than once on
    // the server: a resource made inside would load once per render.
    let session = use_session();
    let add = ServerAction::<AddClosure>::new();
    let remove = ServerAction::<RemoveClosure>::new();
    let list = Resource::new(
        move || (add.version().get(), remove.version().get()),
        move |_| session.load_for(Audience::Staff, list_closures()),
    );
    view! {
        <Title text="Program closures · Kindred" />
        <StaffOnly>
            <ClosuresManager add remove list />
        </StaffOnly>
    }
}

#[component]
fn ClosuresManager(
    add: ServerAction<AddClosure>,
    remove: ServerAction<RemoveClosure>,
    list: Resource<Result<Vec<ClosureView>, AppError>>,
) -> impl IntoView {
    let add_error = action_error(add.value());
    let remove_error = action_error(remove.value());
    let summary = Signal::derive(move || {
        add_error
            .get()
            .filter(|e| !e.is_about_fields())
            .or_else(|| remove_error.get())
    });
    view! {
        <div class="page-header">
            <h1 class="page-header__title">"Program closures"</h1>
            <p class="page-header__lead">
                "No sessions are scheduled on these days. Adding a day removes its sessions from every group; removing it brings them back."
            </p>
        </div>
        <ErrorAlert error=summary />
        <ActionForm action=add attr:class="form" attr:novalidate=true>
            <FormField label="Date" name="day" input_type="date" error=add_error />
            <FormField label="Reason (clients see it)" name="reason" hint="For example Thanksgiving or Staff training day." error=add_error />
            <div class="form__actions">
                <button class="button button--primary" type="submit">"Add closure"</button>
            </div>
        </ActionForm>
        <h2>"Upcoming closures"</h2>
        <AsyncView resource=list let:days>
            <ClosureTable days remove />
        </AsyncView>
    }
}

#[component]
fn ClosureTable(days: Vec<ClosureView>, remove: ServerAction<RemoveClosure>) -> impl IntoView {
    if days.is_empty() {
        return view! { <p class="empty-state">"No closures ahead."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Reason"</th>
                        <th scope="col">"Action"</th>
                    </tr>
                </thead>
                <tbody>
                    {days
                        .into_iter()
                        .map(|c| {
                            let label = format!("Reopen {}", c.label);
                            view! {
                                <tr>
                                    <td>{c.label.clone()}</td>
                                    <td>{c.reason.clone()}</td>
                                    <td>
                                        <ActionForm action=remove>
                                            <input type="hidden" name="day" value=c.day.clone() />
                                            <button class="button button--secondary" type="submit" aria-label=label>
                                                "Reopen"
                                            </button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
