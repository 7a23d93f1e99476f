//! Peer-support boards: the list (`/boards`), one board (`/boards/{slug}`),
//! one thread (`/boards/threads/{id}`) and the staff moderation queue
//! (`/staff/moderation`). Every form is a plain form that works without the
//! WebAssembly; post text is rendered as text (escaped), paragraphs kept.

use crate::api::boards::{
    get_board, get_moderation_queue, get_thread, list_boards, AcceptGuidelines, DeletePost,
    EditPost, LockThread, ModeratePost, MuteAuthor, ReactToPost, ReplyToThread, ReportPost,
    RevealAuthor, SetBlurPreferences, StartThread, UnmuteEveryone,
};
use crate::domain::board::{
    BoardPage, ContentWarning, ModerationQueue, PostState, PostView, Reaction, ReportReason,
    ThreadPage, GUIDELINES,
};
use crate::error::AppError;
use crate::ui::components::alert::{action_error, ErrorAlert, StatusAlert};
use crate::ui::components::async_view::AsyncView;
use crate::ui::components::crisis_panel::CrisisPanel;
use crate::ui::components::form_field::{escape_text, FormField};
use crate::ui::components::staff_only::StaffOnly;
use crate::ui::context::{use_session, Audience};
use crate::ui::pages::account::SignInPrompt;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Shows `children` to signed-in people and the sign-in prompt to visitors.
#[component]
fn SignedInOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let children = StoredValue::new(children);
    view! {
        <AsyncView resource=session.me let:me>
            {match me {
                Some(_) => children.read_value()().into_any(),
                None => view! { <SignInPrompt /> }.into_any(),
            }}
        </AsyncView>
    }
}

/// `/boards`.
#[component]
pub fn BoardsPage() -> impl IntoView {
    let session = use_session();
    let data = Resource::new(
        || (),
        move |_| session.load_for(Audience::SignedIn, list_boards()),
    );
    view! {
        <Title text="Peer support · Kindred" />
        <div class="page-header">
            <h1 class="page-header__title">"Peer support"</h1>
            <p class="page-header__lead">
                "Talk with others in your program. You appear under a different made-up name in every thread, so nobody can tell who wrote what."
            </p>
        </div>
        <SignedInOnly>
            <AsyncView resource=data let:boards>
                <ul class="board-list">
                    {boards
                        .into_iter()
                        .map(|b| view! {
                            <li class="card board-list__item">
                                <h2 class="card__title">
                                    <a href=format!("/boards/{}", b.slug)>{b.name.clone()}</a>
                                </h2>
                                <div class="card__body">
                                    <p>{b.description.clone()}</p>
                                    <p class="form__hint board-list__counts">
                                        <span>{match b.threads { 1 => "1 thread".to_string(), n => format!("{n} threads") }}</span>
                                        {(b.unread_threads > 0).then(|| view! {
                                            <span class="badge badge--accent">
                                                {match b.unread_threads { 1 => "1 with new posts".to_string(), n => format!("{n} with new posts") }}
                                            </span>
                                        })}
                                    </p>
                                </div>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </AsyncView>
        </SignedInOnly>
    }
}

/// `/boards/{slug}`.
#[component]
pub fn BoardPage() -> impl IntoView {
    // Made outside the gate, so the board loads once per page (see ThreadPage).
    let session = use_session();
    let params = use_params_map();
    let query = use_query_map();
    let accept = ServerAction::<AcceptGuidelines>::new();
    let start = ServerAction::<StartThread>::new();
    let blur = ServerAction::<SetBlurPreferences>::new();
    let unmute = ServerAction::<UnmuteEveryone>::new();
    provide_context((blur, unmute));
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("page").and_then(|p| p.parse::<i64>().ok()),
                accept.version().get(),
                blur.version().get(),
                unmute.version().get(),
            )
        },
        move |(slug, page, ..)| session.load_for(Audience::SignedIn, get_board(slug, page)),
    );
    view! {
        <Title text="Peer support · Kindred" />
        <SignedInOnly>
            <BoardView data accept start />
        </SignedInOnly>
    }
}

#[component]
fn BoardView(
    data: Resource<Result<BoardPage, AppError>>,
    accept: ServerAction<AcceptGuidelines>,
    start: ServerAction<StartThread>,
) -> impl IntoView {
    view! {
        <AsyncView resource=data let:page>
            <BoardBody page accept start />
        </AsyncView>
    }
}

#[component]
fn BoardBody(
    page: BoardPage,
    accept: ServerAction<AcceptGuidelines>,
    start: ServerAction<StartThread>,
) -> impl IntoView {
    let slug = page.board.slug.clone();
    // An error a plain form post came back with (`__err`); the composer
    // island shows it, and then its own.
    let initial_error = action_error(start.value()).get_untracked();
    let has_error = initial_error.is_some();
    let pager = (page.pages > 1).then(|| {
        let prev = (page.page > 1).then(|| format!("/boards/{slug}?page={}", page.page - 1));
        let next = (page.page < page.pages).then(|| format!("/boards/{slug}?page={}", page.page + 1));
        view! {
            <nav class="pager" aria-label="Pages">
                {prev.map(|h| view! { <a class="button button--secondary" href=h rel="prev">"Newer"</a> })}
                <span>{format!("Page {} of {}", page.page, page.pages)}</span>
                {next.map(|h| view! { <a class="button button--secondary" href=h rel="next">"Older"</a> })}
            </nav>
        }
    });
    let board_slug = page.board.slug.clone();
    view! {
        <div class="page-header">
            <p class="page-header__eyebrow"><a href="/boards">"Peer support"</a></p>
            <h1 class="page-header__title">{page.board.name.clone()}</h1>
            <p class="page-header__lead">{page.board.description.clone()}</p>
        </div>
        {if page.accepted_guidelines {
            view! {
                <details class="card board__compose" open=has_error>
                    <summary class="card__title">"Start a thread"</summary>
                    <div class="card__body">
                        <StartThreadForm board=board_slug initial_error />
                    </div>
                </details>
            }
            .into_any()
        } else {
            view! { <Guidelines accept /> }.into_any()
        }}
        <section aria-labelledby="threads-title">
            <h2 id="threads-title">"Threads"</h2>
            {if page.threads.is_empty() {
                view! { <p class="empty-state">"No threads yet. You could start the first one."</p> }.into_any()
            } else {
                view! {
                    <ul class="thread-list">
                        {page.threads.into_iter().map(|t| {
                            let href = match t.first_unread {
                                Some(post) if !t.new_thread => format!("/boards/threads/{}#post-{post}", t.id),
                                _ => format!("/boards/threads/{}", t.id),
                            };
                            let new_badge = if t.new_thread {
                                Some("New thread".to_string())
                            } else {
                                match t.unread { 0 => None, 1 => Some("1 new post".to_string()), n => Some(format!("{n} new posts")) }
                            };
                            let unread = new_badge.is_some();
                            view! {
                            <li class="thread-list__item" class:thread-list__item--unread=unread>
                                <a class="thread-list__link" href=href>{t.title.clone()}</a>
                                {new_badge.map(|text| view! { <span class="badge badge--accent thread-list__new">{text}</span> })}
                                <span class="form__hint">
                                    {format!(
                                        "{} · last post {}{}{}",
                                        match t.replies { 1 => "1 reply".to_string(), n => format!("{n} replies") },
                                        t.last_activity,
                                        if t.locked { " · closed" } else { "" },
                                        if t.mine { " · you started it" } else { "" },
                                    )}
                                </span>
                            </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {pager}
        </section>
        <ReaderSettings blur=page.blur muted_people=page.muted_people />
    }
}

/// Content warnings an author can add to a post.
#[component]
fn WarningChoices() -> impl IntoView {
    view! {
        <fieldset class="form__field">
            <legend class="form__label">"Content warnings (optional)"</legend>
            <p class="form__hint">"Readers who chose to blur these will see your post folded."</p>
            {ContentWarning::ALL
                .into_iter()
                .map(|w| {
                    let id = format!("warning-{}", w.as_str());
                    view! {
                        <div class="filters__check">
                            <input type="checkbox" id=id.clone() name="warnings[]" value=w.as_str() />
                            <label for=id>{w.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The reader's own settings: which warnings to blur, and unmuting.
#[component]
fn ReaderSettings(blur: Vec<ContentWarning>, muted_people: i64) -> impl IntoView {
    let (set_blur, unmute) = expect_context::<(
        ServerAction<SetBlurPreferences>,
        ServerAction<UnmuteEveryone>,
    )>();
    view! {
        <details class="card board__settings">
            <summary class="card__title">"Your reading settings"</summary>
            <div class="card__body">
                <ActionForm action=set_blur attr:class="form">
                    <fieldset class="form__field">
                        <legend class="form__label">"Fold posts with these content warnings"</legend>
                        {ContentWarning::ALL
                            .into_iter()
                            .map(|w| {
                                let id = format!("blur-{}", w.as_str());
                                view! {
                                    <div class="filters__check">
                                        <input type="checkbox" id=id.clone() name="blur[]" value=w.as_str() checked=blur.contains(&w) />
                                        <label for=id>{w.label()}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <button class="button button--secondary" type="submit">"Save reading settings"</button>
                </ActionForm>
                {(muted_people > 0).then(|| view! {
                    <ActionForm action=unmute attr:class="form">
                        <p>
                            {match muted_people { 1 => "You have hidden posts from 1 person.".to_string(), n => format!("You have hidden posts from {n} people.") }}
                        </p>
                        <button class="button button--secondary" type="submit">"Show everyone again"</button>
                    </ActionForm>
                })}
            </div>
        </details>
    }
}

/// The post text area; keeps line breaks.
#[component]
fn PostBody(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let reason = move || error.get().and_then(|e| e.reason_for("body"));
    view! {
        <div class="form__field">
            <label class="form__label" for="field-body">"What would you like to share?"</label>
            <textarea
                class="form__input form__textarea"
                id="field-body"
                name="body"
                rows="6"
                required=true
                aria-invalid=move || if reason().is_some() { "true" } else { "false" }
                aria-describedby="field-body-hint field-body-error"
            ></textarea>
            <p class="form__hint" id="field-body-hint">"Plain text. Blank lines start new paragraphs."</p>
            <p class="form__error" id="field-body-error" role="alert">{reason}</p>
        </div>
    }
}

/// "Post it anyway" when the server found a phone number, e-mail, handle or link.
#[component]
fn PrivateConfirm(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error
            .get()
            .and_then(|e| e.reason_for("confirm_private"))
            .map(|label| view! {
                <div class="form__field filters__check">
                    <input id="field-confirm_private" type="checkbox" name="confirm_private" value="on" />
                    <label for="field-confirm_private">{label}</label>
                </div>
            })
    }
}

#[component]
fn Guidelines(accept: ServerAction<AcceptGuidelines>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="guidelines-title">
            <h2 id="guidelines-title" class="card__title">"Before your first post: community guidelines"</h2>
            <div class="card__body">
                <ol class="guidelines">
                    {GUIDELINES.iter().map(|g| view! { <li>{*g}</li> }).collect_view()}
                </ol>
                <ActionForm action=accept>
                    <button class="button button--primary" type="submit">"I agree to these guidelines"</button>
                </ActionForm>
            </div>
        </section>
    }
}

/// The actions a thread page uses; provided once.
#[derive(Clone, Copy)]
struct ThreadActions {
    reply: ServerAction<ReplyToThread>,
    react: ServerAction<ReactToPost>,
    report: ServerAction<ReportPost>,
    moderate: ServerAction<ModeratePost>,
    lock: ServerAction<LockThread>,
    accept: ServerAction<AcceptGuidelines>,
    edit: ServerAction<EditPost>,
    delete: ServerAction<DeletePost>,
    mute: ServerAction<MuteAuthor>,
}

/// `/boards/threads/{id}`.
#[component]
pub fn ThreadPage() -> impl IntoView {
    // Resources live here, outside the sign-in gate: the gate's content is
    // rendered more than once on the server, and a resource made there would
    // load (and mark the thread read) once per render.
    let session = use_session();
    let params = use_params_map();
    let actions = ThreadActions {
        reply: ServerAction::new(),
        react: ServerAction::new(),
        report: ServerAction::new(),
        moderate: ServerAction::new(),
        lock: ServerAction::new(),
        accept: ServerAction::new(),
        edit: ServerAction::new(),
        delete: ServerAction::new(),
        mute: ServerAction::new(),
    };
    provide_context(actions);
    let data = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|s| s.parse::<i64>().ok())
                    .unwrap_or(0),
                actions.reply.version().get(),
                actions.react.version().get(),
                actions.report.version().get(),
                actions.moderate.version().get(),
                actions.lock.version().get(),
                actions.accept.version().get(),
                actions.edit.version().get()
                    + actions.delete.version().get()
                    + actions.mute.version().get(),
            )
        },
        move |(id, ..)| session.load_for(Audience::SignedIn, get_thread(id)),
    );
    view! {
        <Title text="Thread · Peer support · Kindred" />
        <SignedInOnly>
            <ThreadView data />
        </SignedInOnly>
    }
}

#[component]
fn ThreadView(data: Resource<Result<ThreadPage, AppError>>) -> impl IntoView {
    let query = use_query_map();
    let actions = expect_context::<ThreadActions>();
    let crisis = move || {
        query.read().get("crisis").is_some()
            || actions
                .reply
                .value()
                .get()
                .and_then(|r| r.ok())
                .is_some_and(|o| o.crisis)
    };
    let errors = [
        action_error(actions.react.value()),
        action_error(actions.report.value()),
        action_error(actions.moderate.value()),
        action_error(actions.lock.value()),
        action_error(actions.edit.value()),
        action_error(actions.delete.value()),
        action_error(actions.mute.value()),
    ];
    let error = Signal::derive(move || errors.iter().find_map(|e| e.get()));
    let reported = move || {
        let query = query.read();
        (query.get("reported").is_some() && query.get("__err").is_none()).then(
            || view! { <StatusAlert success=true message="Thank you. Staff will look at it." /> },
        )
    };
    view! {
        {move || crisis().then(|| view! {
            <div class="alert alert--crisis" role="alert">
                <p>
                    <strong>"Your post is up, and you're not alone."</strong>
                    " What you wrote sounds really hard. A staff member will see it. If you might act on these thoughts, please reach out now:"
                </p>
                <CrisisPanel heading_id="post-crisis-help" />
            </div>
        })}
        <div aria-live="polite">
            {reported}
            <ErrorAlert error />
        </div>
        <AsyncView resource=data let:thread>
            <ThreadBody thread />
        </AsyncView>
    }
}

#[component]
fn ThreadBody(thread: ThreadPage) -> impl IntoView {
    let actions = expect_context::<ThreadActions>();
    let reply_error = action_error(actions.reply.value()).get_untracked();
    let thread_id = thread.id.to_string();
    let staff = thread.viewer_is_staff;
    let lock_form = staff.then(|| {
        let id = thread_id.clone();
        let (value, label) = if thread.locked {
            ("false", "Reopen thread")
        } else {
            ("true", "Close thread to new replies")
        };
        view! {
            <ActionForm action=actions.lock attr:class="board__staff">
                <input type="hidden" name="thread_id" value=id />
                <input type="hidden" name="locked" value=value />
                <button class="button button--secondary" type="submit">{label}</button>
            </ActionForm>
        }
    });
    let compose = if thread.locked {
        view! { <p class="empty-state">"This thread is closed to new replies."</p> }.into_any()
    } else if !thread.accepted_guidelines {
        view! { <Guidelines accept=actions.accept /> }.into_any()
    } else {
        view! {
            <section class="card" aria-labelledby="reply-title">
                <h2 id="reply-title" class="card__title">"Reply"</h2>
                <div class="card__body">
                    <ReplyForm thread_id=thread.id initial_error=reply_error />
                </div>
            </section>
        }
        .into_any()
    };
    view! {
        <div class="page-header">
            <p class="page-header__eyebrow">
                <a href="/boards">"Peer support"</a>
                " · "
                <a href=format!("/boards/{}", thread.board_slug)>{thread.board_name.clone()}</a>
            </p>
            <h1 class="page-header__title">{thread.title.clone()}</h1>
            {thread.locked.then(|| view! { <p class="badge">"Closed"</p> })}
            {lock_form}
        </div>
        {(thread.muted_posts > 0).then(|| view! {
            <p class="form__hint">
                {match thread.muted_posts { 1 => "1 post is hidden because you muted its author.".to_string(), n => format!("{n} posts are hidden because you muted their authors.") }}
            </p>
        })}
        <ol class="post-list">
            {thread.posts.into_iter().map(|post| view! { <Post post staff /> }).collect_view()}
        </ol>
        {compose}
    }
}

#[component]
fn Post(post: PostView, staff: bool) -> impl IntoView {
    let actions = expect_context::<ThreadActions>();
    let id = post.id.to_string();
    let anchor = format!("post-{}", post.id);
    let paragraphs: Vec<String> = post
        .body
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let removed = post.state == PostState::Removed || post.state == PostState::Deleted;
    let warning_words: Vec<&str> = post.warnings.iter().map(|w| w.label()).collect();
    let warning_words = warning_words.join(", ");
    let badges = view! {
        {post.is_starter.then(|| view! { <span class="badge">"Started this thread"</span> })}
        {post.mine.then(|| view! { <span class="badge badge--accent">"You"</span> })}
        {post.unread.then(|| view! { <span class="badge badge--accent">"New"</span> })}
        {(post.state == PostState::UnderReview).then(|| view! { <span class="badge badge--warning">"Under review"</span> })}
        {post.crisis.then(|| view! { <span class="badge badge--danger">"Crisis language"</span> })}
    };
    let reactions = (!removed && !post.mine && post.state == PostState::Visible).then(|| {
        Reaction::ALL
            .into_iter()
            .map(|r| {
                let on = post.my_reactions.contains(&r);
                let id = id.clone();
                view! {
                    <ActionForm action=actions.react attr:class="reactions__form">
                        <input type="hidden" name="post_id" value=id />
                        <input type="hidden" name="reaction" value=r.as_str() />
                        <button
                            type="submit"
                            class=if on { "reaction reaction--on" } else { "reaction" }
                            aria-pressed=if on { "true" } else { "false" }
                        >
                            {r.label()}
                        </button>
                    </ActionForm>
                }
            })
            .collect_view()
    });
    let own_counts = (post.mine && !removed).then(|| {
        let parts: Vec<String> = post
            .reaction_counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| format!("{} × {n}", r.label()))
            .collect();
        let text = if parts.is_empty() {
            "No reactions yet — only you see this.".to_string()
        } else {
            format!("Only you see this: {}", parts.join(", "))
        };
        view! { <p class="form__hint">{text}</p> }
    });
    let report = (!post.mine && !removed && post.state == PostState::Visible).then(|| {
        let id = id.clone();
        let id_mute = id.clone();
        let reason_id = format!("report-reason-{}", post.id);
        let note_id = format!("report-note-{}", post.id);
        view! {
            <details class="post__more">
                <summary>"Report or hide"</summary>
                <ActionForm action=actions.report attr:class="form">
                    <input type="hidden" name="post_id" value=id />
                    <label class="form__label" for=reason_id.clone()>"Why are you reporting this?"</label>
                    <select class="form__input" id=reason_id name="reason">
                        {ReportReason::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                    </select>
                    <label class="form__label" for=note_id.clone()>"Anything staff should know (optional)"</label>
                    <input class="form__input" id=note_id name="note" />
                    <button class="button button--secondary" type="submit">"Send report"</button>
                </ActionForm>
                <ActionForm action=actions.mute attr:class="form">
                    <input type="hidden" name="post_id" value=id_mute />
                    <p class="form__hint">"Hide this person's posts from you in every thread. They won't know, and you won't learn who they are."</p>
                    <button class="button button--secondary" type="submit">"Hide posts from this person"</button>
                </ActionForm>
            </details>
        }
    });
    let moderation = staff.then(|| {
        let id_a = id.clone();
        let id_b = id.clone();
        let remove_id = format!("remove-reason-{}", post.id);
        view! {
            <details class="post__more">
                <summary>"Moderate"</summary>
                {(post.state != PostState::Visible).then(|| view! {
                    <ActionForm action=actions.moderate attr:class="form">
                        <input type="hidden" name="post_id" value=id_a />
                        <input type="hidden" name="action" value="restore" />
                        <button class="button button--secondary" type="submit">"Restore post"</button>
                    </ActionForm>
                })}
                <ActionForm action=actions.moderate attr:class="form">
                    <input type="hidden" name="post_id" value=id_b />
                    <input type="hidden" name="action" value="remove" />
                    <label class="form__label" for=remove_id.clone()>"Reason for removing (the author sees it)"</label>
                    <input class="form__input" id=remove_id name="reason" required=true />
                    <button class="button button--danger" type="submit">"Remove post"</button>
                </ActionForm>
                <RevealForm post_id=post.id />
            </details>
        }
    });
    view! {
        <li class="post" id=anchor>
            <header class="post__header">
                <span class="post__author">{post.author.clone()}</span>
                {badges}
                <span class="post__when">{post.when.clone()}{if post.edited { " (edited)" } else { "" }}</span>
            </header>
            {if post.state == PostState::Deleted {
                view! { <p class="post__removed">"Deleted by its author."</p> }.into_any()
            } else if removed && !staff {
                view! { <p class="post__removed">"This post was removed by staff."</p> }.into_any()
            } else if post.blurred {
                view! {
                    <details class="post__cw">
                        <summary>{format!("Content warning: {warning_words}. Show post")}</summary>
                        <div class="post__body">
                            {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                        </div>
                    </details>
                }
                .into_any()
            } else {
                view! {
                    {(!warning_words.is_empty()).then(|| view! { <p class="form__hint">{format!("Content warning: {warning_words}")}</p> })}
                    <div class="post__body">
                        {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                    </div>
                }
                .into_any()
            }}
            {post.can_edit.then(|| {
                let id_edit = id.clone();
                let id_delete = id.clone();
                let edit_id = format!("edit-body-{}", post.id);
                let current = post.body.clone();
                view! {
                    <details class="post__more">
                        <summary>"Edit or delete (for 15 minutes after posting)"</summary>
                        <ActionForm action=actions.edit attr:class="form">
                            <input type="hidden" name="post_id" value=id_edit />
                            <label class="form__label" for=edit_id.clone()>"Your post"</label>
                            <textarea class="form__input form__textarea" id=edit_id name="body" rows="5" inner_html=escape_text(&current)></textarea>
                            <button class="button button--secondary" type="submit">"Save changes"</button>
                        </ActionForm>
                        <ActionForm action=actions.delete attr:class="form">
                            <input type="hidden" name="post_id" value=id_delete />
                            <button class="button button--danger" type="submit">"Delete this post"</button>
                        </ActionForm>
                    </details>
                }
            })}
            {(!removed && post.state == PostState::Visible && !post.mine).then(|| view! {
                <div class="reactions" role="group" aria-label=format!("React to {}'s post", post.author)>{reactions}</div>
            })}
            {own_counts}
            {report}
            {moderation}
        </li>
    }
}

/// `/staff/moderation`.
#[component]
pub fn ModerationPage() -> impl IntoView {
    // Made outside the gate, so the queue loads once per page (see ThreadPage).
    let moderate = ServerAction::<ModeratePost>::new();
    let session = use_session();
    let data = Resource::new(
        move || moderate.version().get(),
        move |_| session.load_for(Audience::Staff, get_moderation_queue()),
    );
    view! {
        <Title text="Moderation · Kindred" />
        <StaffOnly>
            <ModerationView moderate data />
        </StaffOnly>
    }
}

#[component]
fn ModerationView(
    moderate: ServerAction<ModeratePost>,
    data: Resource<Result<ModerationQueue, AppError>>,
) -> impl IntoView {
    let error = action_error(moderate.value());
    view! {
        <div class="page-header">
            <h1 class="page-header__title">"Moderation"</h1>
            <p class="page-header__lead">"Crisis posts first, then posts hidden by reports, oldest first."</p>
        </div>
        <ErrorAlert error />
        <AsyncView resource=data let:queue>
            <QueueView queue moderate />
        </AsyncView>
    }
}

#[component]
fn QueueView(queue: ModerationQueue, moderate: ServerAction<ModeratePost>) -> impl IntoView {
    view! {
        <section aria-labelledby="queue-title">
            <h2 id="queue-title">{format!("Open items ({})", queue.items.len())}</h2>
            {if queue.items.is_empty() {
                view! { <p class="empty-state">"Nothing waiting. Thank you."</p> }.into_any()
            } else {
                view! {
                    <ul class="queue">
                        {queue.items.into_iter().map(|item| {
                            let id = item.post_id.to_string();
                            let id_b = id.clone();
                            let reason_id = format!("queue-reason-{}", item.id);
                            let kind = if item.kind == "crisis" { "Crisis language" } else { "Hidden by reports" };
                            view! {
                                <li class="card queue__item">
                                    <div class="card__body">
                                        <p>
                                            <span class=if item.kind == "crisis" { "badge badge--danger" } else { "badge badge--warning" }>{kind}</span>
                                            {format!(" {} · {} · {}", item.board_name, item.author, item.queued)}
                                        </p>
                                        <p><a href=format!("/boards/threads/{}#post-{}", item.thread_id, item.post_id)>{item.thread_title.clone()}</a></p>
                                        <blockquote class="queue__body">{item.body.clone()}</blockquote>
                                        {(!item.reports.is_empty()).then(|| view! {
                                            <p class="form__hint">
                                                {format!("Reports: {}", item.reports.iter().map(|(r, n)| format!("{r} × {n}")).collect::<Vec<_>>().join(", "))}
                                            </p>
                                        })}
                                        <div class="form__actions">
                                            <ActionForm action=moderate>
                                                <input type="hidden" name="post_id" value=id />
                                                <input type="hidden" name="action" value="restore" />
                                                <button class="button button--secondary" type="submit">
                                                    {if item.state == PostState::Visible { "Mark reviewed" } else { "Restore" }}
                                                </button>
                                            </ActionForm>
                                        </div>
                                        <ActionForm action=moderate attr:class="form">
                                            <input type="hidden" name="post_id" value=id_b />
                                            <input type="hidden" name="action" value="remove" />
                                            <label class="form__label" for=reason_id.clone()>"Reason for removing (the author sees it)"</label>
                                            <input class="form__input" id=reason_id name="reason" required=true />
                                            <button class="button button--danger" type="submit">"Remove"</button>
                                        </ActionForm>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section aria-labelledby="log-title">
            <h2 id="log-title">"Moderation log"</h2>
            {if queue.log.is_empty() {
                view! { <p class="empty-state">"No actions yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="moderation-log">
                        {queue.log.into_iter().map(|e| view! {
                            <li>{format!("{} · {} · {}{}", e.when, e.actor, e.action, e.reason.map(|r| format!(" — {r}")).unwrap_or_default())}</li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// Staff: reveal who wrote a post, with a written reason (recorded). An
/// island, because the answer is shown in place: it is never put in a URL.
#[island]
fn RevealForm(post_id: i64) -> impl IntoView {
    let reveal = ServerAction::<RevealAuthor>::new();
    let reason_id = format!("reveal-reason-{post_id}");
    // Only answers from this page's own calls: an error carried in the URL
    // (plain form post) is shown by the server render alone, so skip it here.
    let answer = move || {
        (reveal.version().get() > 0)
            .then(|| reveal.value().get())
            .flatten()
            .map(|result| match result {
                Ok(who) => view! {
                    <p class="alert alert--info" role="status">
                        {format!("Written by {who}. This look-up was recorded.")}
                    </p>
                }
                .into_any(),
                Err(err) => {
                    view! { <p class="alert alert--error" role="alert">{err.to_string()}</p> }
                        .into_any()
                }
            })
    };
    view! {
        <ActionForm action=reveal attr:class="form">
            <input type="hidden" name="post_id" value=post_id.to_string() />
            <label class="form__label" for=reason_id.clone()>"Why do you need to know who wrote this? (recorded)"</label>
            <input class="form__input" id=reason_id name="reason" required=true />
            <button class="button button--secondary" type="submit">"Reveal author"</button>
        </ActionForm>
        <div aria-live="polite">{answer}</div>
    }
}

/// The error a composer shows: the one its plain form post came back with,
/// until the island makes its own call; then that call's.
macro_rules! composer_error {
    ($action:expr, $initial:expr) => {{
        let (action, initial) = ($action, $initial);
        Signal::derive(move || {
            if action.version().get() > 0 {
                action.value().get().and_then(Result::err)
            } else {
                initial.clone()
            }
        })
    }};
}

/// Starting a thread. An island, so that with JavaScript a refused draft
/// (private details to confirm, a rate limit) stays in the form; a post
/// that goes through follows the server's redirect to the new thread.
#[island]
fn StartThreadForm(board: String, initial_error: Option<AppError>) -> impl IntoView {
    let start = ServerAction::<StartThread>::new();
    let error = composer_error!(start, initial_error);
    let summary = Signal::derive(move || error.get().filter(|e| !e.is_about_fields()));
    view! {
        <ErrorAlert error=summary />
        <ActionForm action=start attr:class="form" attr:novalidate=true>
            <input type="hidden" name="board" value=board />
            <FormField label="Title" name="title" error hint="No names or contact details." />
            <PostBody error />
            <WarningChoices />
            <PrivateConfirm error />
            <button class="button button--primary" type="submit">"Post"</button>
        </ActionForm>
    }
}

/// Replying to a thread; an island for the same reason as [`StartThreadForm`].
#[island]
fn ReplyForm(thread_id: i64, initial_error: Option<AppError>) -> impl IntoView {
    let reply = ServerAction::<ReplyToThread>::new();
    let error = composer_error!(reply, initial_error);
    let summary = Signal::derive(move || error.get().filter(|e| !e.is_about_fields()));
    view! {
        <ErrorAlert error=summary />
        <ActionForm action=reply attr:class="form" attr:novalidate=true>
            <input type="hidden" name="thread_id" value=thread_id.to_string() />
            <PostBody error />
            <WarningChoices />
            <PrivateConfirm error />
            <button class="button button--primary" type="submit">"Post reply"</button>
        </ActionForm>
    }
}
