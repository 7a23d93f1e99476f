//! Staff: issue and review single-use enrollment codes.

use crate::api::account::{list_enrollment_codes, IssueEnrollmentCode};
use crate::domain::account::IssuedCode;
use crate::domain::role::LevelOfCare;
use crate::error::AppError;
use crate::ui::components::alert::{action_error, ErrorAlert};
use crate::ui::components::async_view::AsyncView;
use crate::ui::components::staff_only::StaffOnly;
use crate::ui::context::{use_session, Audience};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Enrollment codes (staff only): a form to issue one and the list of open codes.
#[component]
pub fn StaffCodesPage() -> impl IntoView {
    // Made outside the staff gate, whose content renders more than once on
    // the server: a resource made inside would load once per render.
    let issue = ServerAction::<IssueEnrollmentCode>::new();
    let session = use_session();
    let codes = Resource::new(
        move || issue.version().get(),
        move |_| session.load_for(Audience::Staff, list_enrollment_codes()),
    );
    view! {
        <Title text="Enrollment codes · Kindred" />
        <StaffOnly>
            <CodesManager issue codes />
        </StaffOnly>
    }
}

#[component]
fn CodesManager(
    issue: ServerAction<IssueEnrollmentCode>,
    codes: Resource<Result<Vec<IssuedCode>, AppError>>,
) -> impl IntoView {
    let error = action_error(issue.value());
    // After issuing, the page comes back with `?issued=<reference>`: show
    // that code (if it is still open). Not after a failed post (`__err`).
    let query = use_query_map().read_untracked();
    let just_issued = query.get("issued").filter(|_| query.get("__err").is_none());
    view! {
        <div class="page-header">
            <h1 class="page-header__title">"Enrollment codes"</h1>
            <p class="page-header__lead">
                "Each code lets one new client create an account at the level of care you choose. Codes work once and expire after 14 days."
            </p>
        </div>
        <ErrorAlert error />
        <ActionForm action=issue attr:class="form">
            <div class="form__field">
                <label class="form__label" for="field-level_of_care">
                    "Level of care"
                </label>
                <select class="form__input" id="field-level_of_care" name="level_of_care" required=true>
                    {LevelOfCare::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.as_str()>{l.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="form__actions">
                <button class="button button--primary" type="submit">
                    "Create code"
                </button>
            </div>
        </ActionForm>
        {just_issued.map(|reference| view! {
            <AsyncView resource=codes let:list>
                {list
                    .into_iter()
                    .find(|c| c.reference == reference)
                    .map(|c| view! {
                        <div class="alert alert--success" role="status">
                            <p>{format!("New code for {}:", c.level_of_care.label())}</p>
                            <p class="code-display">{c.code.clone()}</p>
                            <p>"Give it to the client in person or by phone. It works once."</p>
                        </div>
                    })}
            </AsyncView>
        })}
        <h2>"Open codes"</h2>
        <AsyncView resource=codes let:list>
            <CodeTable list />
        </AsyncView>
    }
}

#[component]
fn CodeTable(list: Vec<IssuedCode>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty-state">"No open codes. Create one above."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Code"</th>
                        <th scope="col">"Level of care"</th>
                        <th scope="col">"Expires"</th>
                        <th scope="col">"Issued by"</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|c| {
                            let expires = match c.expires_in_days {
                                0 => "Today".to_string(),
                                1 => "In 1 day".to_string(),
                                n => format!("In {n} days"),
                            };
                            view! {
                                <tr>
                                    <td class="code-display">{c.code}</td>
                                    <td>{c.level_of_care.label()}</td>
                                    <td>{expires}</td>
                                    <td>{c.issued_by}</td>
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
