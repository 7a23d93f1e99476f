//! The crisis resources panel: on the crisis page and wherever someone may
//! need help at once (a board post that matched crisis language).

use crate::ui::context::use_session;
use leptos::prelude::*;

fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// 988 (call, text, chat), Crisis Text Line, 911 and the program's own line.
#[component]
pub fn CrisisPanel(
    /// Id of the panel's heading (unique on the page).
    heading_id: &'static str,
) -> impl IntoView {
    let session = use_session();
    view! {
        <section class="crisis-panel" aria-labelledby=heading_id>
            <h2 id=heading_id>"Talk to someone right now"</h2>
            <ul class="crisis-panel__actions">
                <li>
                    <a class="crisis-panel__action" href="tel:988">
                        "Call 988 — Suicide & Crisis Lifeline"
                    </a>
                </li>
                <li>
                    <a class="crisis-panel__action" href="sms:988">
                        "Text 988"
                    </a>
                </li>
                <li>
                    <a class="crisis-panel__action" href="https://988lifeline.org/chat/" rel="noopener">
                        "Chat with 988 online"
                    </a>
                </li>
                <li>
                    <a class="crisis-panel__action" href="sms:741741?body=HOME">
                        "Crisis Text Line: text HOME to 741741"
                    </a>
                </li>
                <li>
                    <a class="crisis-panel__action" href="tel:18006624357">
                        "SAMHSA Helpline: 1-800-662-4357 (free, 24/7, English and Spanish)"
                    </a>
                </li>
                <li>
                    <a class="crisis-panel__action" href="tel:911">
                        "Call 911 if you are in immediate danger"
                    </a>
                </li>
                <Transition fallback=|| ()>
                    {move || {
                        session
                            .program
                            .get()
                            .and_then(|r| r.ok())
                            .map(|p| {
                                view! {
                                    <li>
                                        <a class="crisis-panel__action" href=tel_href(&p.phone)>
                                            {format!("Call {} at {}", p.name, p.phone)}
                                        </a>
                                    </li>
                                }
                            })
                    }}
                </Transition>
            </ul>
        </section>
    }
}
