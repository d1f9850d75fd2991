//! `crdb-cloud`: a typed client for the CockroachDB Cloud API, and the one
//! definition of its wire format, shared by the local server and the console.
//!
//! The same API works natively (reqwest) and on wasm32 (the global `fetch`,
//! in browsers, Node, Deno and workers).
//!
//! ```no_run
//! use crdb_cloud::{Client, models::clusters::*, models::common::*};
//! # async fn demo() -> crdb_cloud::Result<()> {
//! let client = Client::builder().api_key("CCDB1_...").build()?;
//! let cluster = client
//!     .create_cluster(&CreateClusterRequest {
//!         name: "my-cluster".into(),
//!         provider: CloudProvider::Gcp,
//!         spec: CreateClusterSpecification {
//!             plan: Some(Plan::Basic),
//!             serverless: Some(ServerlessClusterCreateSpecification {
//!                 regions: vec!["us-central1".into()],
//!                 ..Default::default()
//!             }),
//!             ..Default::default()
//!         },
//!         plan: None,
//!     })
//!     .await?;
//! let ready = client.wait_for_cluster(&cluster.id, &Default::default()).await?;
//! println!("{} is {}", ready.name, ready.state);
//! # Ok(()) }
//! ```

pub mod api;
pub mod client;
pub mod error;
pub mod limits;
pub mod models;
pub mod names;
pub mod operation;
pub mod pagination;
pub mod proto3;
pub mod retry;
pub mod runtime;
pub mod transport;
pub mod wait;
pub mod wire;

pub use client::{API_VERSION, Client, ClientBuilder, DEFAULT_BASE_URL, Query};
pub use error::{ApiError, Error, Result};
pub use pagination::{ListOptions, SortOrder};
pub use retry::{RateLimiter, RetryNotice, RetryPolicy};
pub use wait::{CancelToken, WaitOptions};
pub use wire::Timestamp;
pub use {chrono, futures_util};
