//! The one shared wrapper for loading data: a loading state, then the content
//! or a readable error.

use crate::error::AppError;
use leptos::prelude::*;

/// Shows `children` with the resource's value once it is loaded, a loading
/// message meanwhile, and the error sentence if loading failed.
#[component]
pub fn AsyncView<T, V, F>(
    /// The resource to wait for.
    resource: Resource<Result<T, AppError>>,
    /// Renders the loaded value.
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading…"</p> }>
            {move || {
                let children = children.clone();
                resource
                    .get()
                    .map(move |result| match result {
                        Ok(value) => children(value).into_any(),
                        Err(err) => {
                            view! {
                                <div class="alert alert--error" role="alert">
                                    <p>{err.to_string()}</p>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
