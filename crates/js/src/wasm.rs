//! The wasm32 exports: `WasmClient` and `CancelHandle`.

use crate::{JsError, ops};
use crdb_cloud::api::backups::restore_progress;
use crdb_cloud::api::clusters::cluster_progress;
use crdb_cloud::api::cmek::cmek_progress;
use crdb_cloud::models::backups::Restore;
use crdb_cloud::models::clusters::Cluster;
use crdb_cloud::operation::{self as op, Operation};
use crdb_cloud::transport::{
    HttpRequest, HttpResponse, Transport, TransportError, TransportFuture,
};
use crdb_cloud::wait::{Progress, poll_until};
use crdb_cloud::{CancelToken, Client, Error, Query, WaitOptions};
use js_sys::Promise;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

type Result<T> = crdb_cloud::Result<T>;

thread_local! {
    /// The tag of the call whose future is being polled (0: none). The
    /// transport reads it when the SDK hands it a request, so the wrapper
    /// knows which call (and so which `AbortSignal`) each fetch serves.
    static CALL: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A call's future that marks every poll with the call's tag.
struct Tagged<F> {
    tag: u32,
    inner: std::pin::Pin<Box<F>>,
}

impl<F: std::future::Future> std::future::Future for Tagged<F> {
    type Output = F::Output;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        let before = CALL.replace(self.tag);
        let out = self.inner.as_mut().poll(cx);
        CALL.set(before);
        out
    }
}

/// `work` as a promise whose polls carry `tag` (see [`CALL`]).
fn tagged_promise<F>(tag: u32, work: F) -> Promise
where
    F: std::future::Future<Output = std::result::Result<JsValue, JsValue>> + 'static,
{
    future_to_promise(Tagged {
        tag,
        inner: Box::pin(work),
    })
}

/// Rejects with the error as JSON text, which the wrapper parses and
/// turns into a `CloudApiError`.
fn throw(e: &Error) -> JsValue {
    JsValue::from_str(&serde_json::to_string(&JsError::from(e)).unwrap_or_default())
}

/// A cancellation flag shared with the SDK's waiters; the wrapper raises it
/// from an `AbortSignal`'s `abort` event.
#[wasm_bindgen]
pub struct CancelHandle(CancelToken);

#[wasm_bindgen]
impl CancelHandle {
    /// A handle not yet cancelled.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> CancelHandle {
        CancelHandle(CancelToken::new())
    }

    /// Cancel every wait holding this handle or one of its forks.
    pub fn cancel(&self) {
        self.0.cancel();
    }

    /// A second handle on the same flag (a waiter takes its handle by value).
    pub fn fork(&self) -> CancelHandle {
        CancelHandle(self.0.clone())
    }
}

/// Waiter options: interval and timeout in milliseconds, optional cancel.
fn wait_options(
    interval_ms: Option<f64>,
    timeout_ms: Option<f64>,
    cancel: Option<CancelHandle>,
) -> Result<WaitOptions> {
    let mut o = WaitOptions::default();
    if let Some(ms) = interval_ms {
        o.interval = ops::millis("intervalMs", ms)?;
    }
    if let Some(ms) = timeout_ms {
        o.timeout = ops::millis("timeoutMs", ms)?;
    }
    o.cancel = cancel.map(|c| c.0);
    Ok(o)
}

/// Sends requests through a JavaScript function the wrapper passes in:
/// `send(method, url, headers, body, timeoutMs, tag)` → `[status, retryAfter, body]`,
/// with status -1 for a timeout and -2 for no answer (the message in place of
/// `retryAfter`); `tag` names the call the request belongs to. One call across the boundary each way per attempt, where
/// the SDK's own fetch transport builds `Request`/`Headers` objects and reads
/// every response header through wasm-bindgen (see BENCHMARKS.md). Retries,
/// the rate limit, timeouts' meaning and errors stay the SDK's.
struct JsTransport {
    send: js_sys::Function,
}

impl Transport for JsTransport {
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        let tag = CALL.get();
        Box::pin(async move {
            let headers = js_sys::Array::new();
            for (name, value) in &request.headers {
                headers.push(&JsValue::from_str(name));
                headers.push(&JsValue::from_str(value));
            }
            let args = js_sys::Array::of5(
                &JsValue::from_str(request.method.as_str()),
                &JsValue::from_str(&request.url),
                &headers,
                &request
                    .body
                    .as_deref()
                    .map_or(JsValue::UNDEFINED, JsValue::from_str),
                &JsValue::from_f64(request.timeout.as_secs_f64() * 1000.0),
            );
            args.push(&JsValue::from(tag));
            let unreachable = |e: JsValue| {
                TransportError::Unreachable(e.as_string().unwrap_or_else(|| format!("{e:?}")))
            };
            let promise: Promise = self
                .send
                .apply(&JsValue::NULL, &args)
                .map_err(unreachable)?
                .into();
            let answer: js_sys::Array = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(unreachable)?
                .into();
            let status = answer.get(0).as_f64().unwrap_or(-2.0);
            let text = answer.get(1).as_string().unwrap_or_default();
            if status == -1.0 {
                return Err(TransportError::Timeout);
            }
            if !(0.0..=999.0).contains(&status) {
                return Err(TransportError::Unreachable(text));
            }
            let headers = if text.is_empty() {
                Vec::new()
            } else {
                vec![("retry-after".to_owned(), text)]
            };
            Ok(HttpResponse {
                status: status as u16,
                headers,
                body: answer.get(2).as_string().unwrap_or_default(),
            })
        })
    }
}

/// The operation table as JSON (see `ops::operations_json`); the build
/// writes the wrapper's methods and their TypeScript signatures from it.
#[wasm_bindgen]
pub fn operations() -> String {
    ops::operations_json()
}

/// The SDK client. Arguments and answers are JSON text: `call` returns a
/// promise of the answer's body and rejects with the JSON of a
/// `{ name: "CloudApiError", ... }` object.
#[wasm_bindgen]
pub struct WasmClient {
    client: Client,
}

#[wasm_bindgen]
impl WasmClient {
    /// Options: `{ apiKey, baseUrl?, version?, userAgent?, timeoutMs?, retries?, rateLimit? }`.
    /// `send` is the wrapper's fetch function (see [`JsTransport`]).
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: String,
        send: js_sys::Function,
    ) -> std::result::Result<WasmClient, JsValue> {
        #[allow(clippy::arc_with_non_send_sync)] // wasm32: one thread
        let transport = std::sync::Arc::new(JsTransport { send });
        ops::build_client(&options, Some(transport))
            .map(|client| WasmClient { client })
            .map_err(|e| throw(&e))
    }

    /// The base URL calls go to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.client.base_url().to_owned()
    }

    /// Calls the operation named `name` (its JS name) with its path
    /// parameters, query object (JSON, `""` when none) and body (JSON, `""`
    /// when none): the SDK checks the query and body against its models,
    /// builds the URL, sends with retries and the rate limit, and decodes
    /// errors. Resolves with the answer's body as sent. `tag` is handed to
    /// `send` with each of the call's requests.
    pub fn call(
        &self,
        name: String,
        params: Vec<String>,
        query: String,
        body: String,
        tag: u32,
    ) -> Promise {
        let c = self.client.clone();
        tagged_promise(tag, async move {
            let answer = async {
                let entry = ops::entry(&name)?;
                let (q, b) = (entry.prepare)(query, body)?;
                let path: Vec<&str> = params.iter().map(String::as_str).collect();
                c.send_raw(entry.op, &path, &q, b.as_deref()).await
            };
            match answer.await {
                Ok(r) if r.body.trim().is_empty() => Ok(JsValue::from_str("{}")),
                Ok(r) => Ok(JsValue::from_str(&r.body)),
                Err(e) => Err(throw(&e)),
            }
        })
    }

    /// `waitForCluster(clusterId, intervalMs?, timeoutMs?, cancel?, tag)`: the
    /// SDK's waiter (`poll_until` + `cluster_progress`), resolving with the
    /// last answer's body.
    #[wasm_bindgen(js_name = waitForCluster)]
    pub fn wait_for_cluster(
        &self,
        cluster_id: String,
        interval_ms: Option<f64>,
        timeout_ms: Option<f64>,
        cancel: Option<CancelHandle>,
        tag: u32,
    ) -> Promise {
        let c = self.client.clone();
        body_promise(tag, async move {
            let o = wait_options(interval_ms, timeout_ms, cancel)?;
            let judge = |s: &ClusterState| {
                cluster_progress(&Cluster {
                    id: s.id.clone(),
                    state: s.state.clone(),
                    ..Default::default()
                })
            };
            wait_raw(&c, "cluster", &op::GET_CLUSTER, &[&cluster_id], &o, judge).await
        })
    }

    /// `waitForRestore(clusterId, restoreId, intervalMs?, timeoutMs?, cancel?, tag)`.
    #[wasm_bindgen(js_name = waitForRestore)]
    pub fn wait_for_restore(
        &self,
        cluster_id: String,
        restore_id: String,
        interval_ms: Option<f64>,
        timeout_ms: Option<f64>,
        cancel: Option<CancelHandle>,
        tag: u32,
    ) -> Promise {
        let c = self.client.clone();
        body_promise(tag, async move {
            let o = wait_options(interval_ms, timeout_ms, cancel)?;
            let judge = |s: &RestoreState| {
                restore_progress(&Restore {
                    id: s.id.clone(),
                    status: s.status.clone(),
                    client_error_message: s.client_error_message.clone(),
                    ..Default::default()
                })
            };
            let path = [cluster_id.as_str(), restore_id.as_str()];
            wait_raw(&c, "restore", &op::GET_RESTORE, &path, &o, judge).await
        })
    }

    /// `waitForCmek(clusterId, intervalMs?, timeoutMs?, cancel?, tag)`.
    #[wasm_bindgen(js_name = waitForCmek)]
    pub fn wait_for_cmek(
        &self,
        cluster_id: String,
        interval_ms: Option<f64>,
        timeout_ms: Option<f64>,
        cancel: Option<CancelHandle>,
        tag: u32,
    ) -> Promise {
        let c = self.client.clone();
        body_promise(tag, async move {
            let o = wait_options(interval_ms, timeout_ms, cancel)?;
            let path = [cluster_id.as_str()];
            wait_raw(
                &c,
                "cmek",
                &op::GET_CMEK_CLUSTER_INFO,
                &path,
                &o,
                cmek_progress,
            )
            .await
        })
    }
}

/// The fields of a `Cluster` its waiter judges by.
#[derive(Deserialize)]
struct ClusterState {
    #[serde(default)]
    id: String,
    #[serde(default)]
    state: crdb_cloud::models::clusters::ClusterState,
}

/// The fields of a `Restore` its waiter judges by.
#[derive(Deserialize)]
struct RestoreState {
    #[serde(default)]
    id: String,
    #[serde(default)]
    status: crdb_cloud::models::backups::RestoreStatus,
    #[serde(default)]
    client_error_message: Option<String>,
}

/// The SDK's `poll_until` over a raw GET: each answer is decoded as `T`
/// only as far as `judge` needs; resolves with the last body.
async fn wait_raw<T: DeserializeOwned>(
    c: &Client,
    resource: &'static str,
    operation: &'static Operation,
    path: &[&str],
    options: &WaitOptions,
    judge: impl Fn(&T) -> Progress,
) -> Result<String> {
    let fetch = || async {
        let r = c
            .send_raw(operation, path, &Query::new(), None::<&RawValue>)
            .await?;
        match serde_json::from_str::<T>(&r.body) {
            Ok(t) => Ok((t, r.body)),
            Err(e) => Err(Error::Decode {
                status: r.status,
                message: e.to_string(),
                body: r.body,
            }),
        }
    };
    poll_until(resource, options, fetch, |(t, _)| judge(t))
        .await
        .map(|(_, body)| body)
}

/// A promise of a body (JSON text), rejecting with a `CloudApiError` object;
/// its requests carry `tag`.
fn body_promise<F>(tag: u32, work: F) -> Promise
where
    F: std::future::Future<Output = Result<String>> + 'static,
{
    tagged_promise(tag, async move {
        match work.await {
            Ok(body) if body.trim().is_empty() => Ok(JsValue::from_str("{}")),
            Ok(body) => Ok(JsValue::from_str(&body)),
            Err(e) => Err(throw(&e)),
        }
    })
}
