//! Test support: a scripted transport that records what the client sends.

use crate::client::Client;
use crate::transport::{HttpRequest, HttpResponse, Transport, TransportFuture};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// A transport that answers from a script and records what it was sent.
#[derive(Default)]
pub(crate) struct Scripted {
    answers: Mutex<VecDeque<String>>,
    seen: Mutex<Vec<HttpRequest>>,
}

impl Scripted {
    /// A client whose calls get `bodies`, in order, each with a 200.
    pub(crate) fn client(bodies: &[&str]) -> (Client, Arc<Scripted>) {
        let t = Arc::new(Scripted {
            answers: Mutex::new(bodies.iter().map(|b| b.to_string()).collect()),
            seen: Mutex::default(),
        });
        let c = Client::builder()
            .api_key("k")
            .base_url("http://api.test")
            .transport(t.clone())
            .build()
            .unwrap();
        (c, t)
    }

    /// Method and URL of every request sent so far.
    pub(crate) fn calls(&self) -> Vec<(String, String)> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|r| (r.method.as_str().to_owned(), r.url.clone()))
            .collect()
    }

    /// Body of the request with this index.
    pub(crate) fn body(&self, i: usize) -> Option<String> {
        self.seen.lock().unwrap()[i].body.clone()
    }
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> TransportFuture<'_> {
        self.seen.lock().unwrap().push(request);
        let body = self.answers.lock().unwrap().pop_front();
        Box::pin(async move {
            Ok(HttpResponse {
                status: if body.is_some() { 200 } else { 500 },
                headers: vec![],
                body: body.unwrap_or_default(),
            })
        })
    }
}
