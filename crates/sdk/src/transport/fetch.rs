//! The wasm32 transport: the global `fetch`, so one build works in a window,
//! a web worker, Node, Deno and workerd alike.

use super::{HttpRequest, HttpResponse, Transport, TransportError, TransportFuture};
use crate::operation::Method as HttpMethod;
use gloo_net::http::{Method, RequestBuilder};
use std::cell::Cell;
use std::rc::Rc;

/// Sends requests with the runtime's global `fetch`.
#[derive(Debug, Clone, Default)]
pub struct FetchTransport;

impl FetchTransport {
    /// The fetch transport.
    pub fn new() -> Self {
        FetchTransport
    }
}

fn method(m: HttpMethod) -> Method {
    match m {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Delete => Method::DELETE,
    }
}

impl Transport for FetchTransport {
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        Box::pin(async move {
            let controller = web_sys::AbortController::new()
                .map_err(|e| TransportError::Unreachable(format!("AbortController: {e:?}")))?;
            let timed_out = Rc::new(Cell::new(false));
            let flag = timed_out.clone();
            let abort = controller.clone();
            let millis = u32::try_from(request.timeout.as_millis()).unwrap_or(u32::MAX);
            // Dropped (and so cleared) when this future ends.
            let _timer = gloo_timers::callback::Timeout::new(millis, move || {
                flag.set(true);
                abort.abort();
            });
            let signal = controller.signal();
            let mut builder = RequestBuilder::new(&request.url)
                .method(method(request.method))
                .abort_signal(Some(&signal));
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let prepared = match request.body {
                Some(body) => builder.body(body),
                None => builder.build(),
            }
            .map_err(|e| TransportError::Unreachable(e.to_string()))?;
            let failed = |e: gloo_net::Error| {
                if timed_out.get() {
                    TransportError::Timeout
                } else {
                    TransportError::Unreachable(e.to_string())
                }
            };
            let response = prepared.send().await.map_err(failed)?;
            let status = response.status();
            let headers = response.headers().entries().collect();
            // The body as bytes, checked as UTF-8 here: a straight copy into
            // wasm memory, where `text()` would make a JS string and then
            // re-encode it (about 15 ms for a page of 500 clusters).
            let bytes = response.binary().await.map_err(failed)?;
            Ok(HttpResponse {
                status,
                headers,
                body: utf8_body(bytes),
            })
        })
    }
}

/// The body as text; bytes that are not UTF-8 become U+FFFD, as `text()`
/// would make them.
fn utf8_body(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
