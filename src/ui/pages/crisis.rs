//! The crisis page: reachable from every page, without signing in, and offline.

use crate::ui::context::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// Crisis resources: 988 (call, text, chat), Crisis Text Line, SAMHSA, 911 and the program's line.
#[component]
pub fn CrisisPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Title text="Need help now? · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"Need help now?"</h1>
            <p class="page-header__lead">
                "If you are thinking about harming yourself or someone else, or you feel unsafe, reach out now. "
                "You don't have to go through this alone, and you don't need to sign in."
            </p>
        </div>
        <section class="crisis-panel" aria-labelledby="crisis-now">
            <h2 id="crisis-now">"Talk to someone right now"</h2>
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
        <section class="card" aria-labelledby="crisis-more">
            <h2 id="crisis-more" class="card__title">"Other help"</h2>
            <div class="card__body">
                <p>
                    "SAMHSA National Helpline (free, confidential, 24/7, English and Spanish): "
                    <a href="tel:18006624357">"1-800-662-4357"</a>
                </p>
                <p>"This page works without a connection once you have opened Kindred on this device."</p>
            </div>
        </section>
    }
}
