//! The error body every failed call carries (google.rpc.Status).

use serde::{Deserialize, Serialize};

/// `Status`: the error body of the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Status {
    /// gRPC status code.
    #[serde(default)]
    pub code: i32,
    /// Message for people.
    #[serde(default)]
    pub message: String,
    /// Structured details.
    #[serde(default)]
    pub details: Vec<Any>,
}

/// `Any`: a typed detail, its type URL in `@type` and its fields beside it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Any {
    /// The type URL, e.g. `type.googleapis.com/google.rpc.BadRequest`.
    #[serde(rename = "@type", default)]
    pub type_url: String,
    /// The message's own fields.
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}
