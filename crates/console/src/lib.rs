//! The web console: a Leptos (client-side rendered) app over the `crdb-cloud`
//! SDK. The UI only builds for wasm32; [`logic`] is plain Rust so it is
//! unit-tested natively too.

pub mod forms;
pub mod logic;
pub mod org;
pub mod when;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod session;

/// Starts the console in the page's `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
