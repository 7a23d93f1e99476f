//! A labelled form field with hint and error text wired up for screen readers.

use crate::error::AppError;
use leptos::prelude::*;

/// One labelled input. The error shows when the action's error names this field.
#[component]
pub fn FormField(
    /// The visible label.
    label: &'static str,
    /// The input's name (matches the server function argument).
    name: &'static str,
    /// The input type (text, email, password …).
    #[prop(default = "text")]
    input_type: &'static str,
    /// The autocomplete token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Help text under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The latest error of the form's action.
    #[prop(into)]
    error: Signal<Option<AppError>>,
    /// Minimum length, for the browser's own check.
    #[prop(optional)]
    minlength: Option<u32>,
    /// The initial value.
    #[prop(optional, into)]
    value: Option<String>,
    /// Whether the field must be filled in.
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let field_error = move || error.get().and_then(|e| e.reason_for(name));
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if field_error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form__field">
            <label class="form__label" for=id.clone()>
                {label}
            </label>
            {hint.map(|h| view! { <p class="form__hint" id=hint_id.clone()>{h}</p> })}
            <input
                class="form__input"
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                minlength=minlength
                value=value
                aria-invalid=move || field_error().is_some().then_some("true")
                aria-describedby=described_by
            />
            {move || {
                field_error().map(|msg| view! { <p class="form__error" id=error_id.clone()>{msg}</p> })
            }}
        </div>
    }
}

/// Escapes text for a `<textarea>`'s initial content, set through `inner_html`:
/// server rendering does not escape a textarea's children, and its content
/// must never be able to close the element.
pub fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
