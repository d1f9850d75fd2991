//! Where the signed-in key lives: in memory, and in the tab's
//! `sessionStorage` only when "remember in this tab" was ticked. Never in
//! `localStorage`, the URL or the log. Signing out forgets it everywhere.

use std::cell::RefCell;
use std::fmt;

/// The `sessionStorage` entry used when the user asks to be remembered.
pub const STORAGE_KEY: &str = "crdb-console.session";

/// What signing in needs: the key and the server it is for.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The API key (secret).
    pub api_key: String,
    /// Base URL of the API server, without `/api/v1`.
    pub server_url: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &"<redacted>")
            .field("server_url", &self.server_url)
            .finish()
    }
}

thread_local! {
    static MEMORY: RefCell<Option<Credentials>> = const { RefCell::new(None) };
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Keeps the credentials in memory, and in `sessionStorage` when `remember`.
/// Not remembering also clears an earlier remembered copy.
pub fn save(credentials: &Credentials, remember: bool) {
    MEMORY.with(|m| *m.borrow_mut() = Some(credentials.clone()));
    if let Some(storage) = session_storage() {
        if remember {
            // The server URL and the key, separated by a newline (neither can
            // contain one: the SDK refuses control characters in keys).
            let value = format!("{}\n{}", credentials.server_url, credentials.api_key);
            let _ = storage.set_item(STORAGE_KEY, &value);
        } else {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}

/// The credentials in memory, else those remembered in this tab.
pub fn load() -> Option<Credentials> {
    if let Some(c) = MEMORY.with(|m| m.borrow().clone()) {
        return Some(c);
    }
    let value = session_storage()?.get_item(STORAGE_KEY).ok()??;
    let (server_url, api_key) = value.split_once('\n')?;
    let c = Credentials {
        api_key: api_key.to_owned(),
        server_url: server_url.to_owned(),
    };
    MEMORY.with(|m| *m.borrow_mut() = Some(c.clone()));
    Some(c)
}

/// Whether the credentials are remembered in this tab.
pub fn is_remembered() -> bool {
    session_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .is_some()
}

/// Forgets the credentials everywhere (sign-out).
pub fn clear() {
    MEMORY.with(|m| *m.borrow_mut() = None);
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// Forgets the in-memory copy only, as a page reload does (tests).
pub fn forget_memory() {
    MEMORY.with(|m| *m.borrow_mut() = None);
}

/// The id of the signed-in key (never its secret), to warn before it is
/// deleted.
pub fn key_id() -> Option<String> {
    load().and_then(|c| crate::logic::key_id_of(&c.api_key).map(str::to_owned))
}
