//! The application: shared state, the middleware every `/api/v1` call goes
//! through (Cc-Version, auth, rate limit, roles, faults, headers), and
//! first-start bootstrap.

use crate::auth::{self, Caller};
use crate::config::{Config, Transitions};
use crate::error::{ApiError, ApiResult};
use crate::faults::Faults;
use crate::limits::{Decision, Limits};
use crate::rbac;
use crate::store::Store;
use crate::store::model::{ApiKeyRow, Change, Grant, ServiceAccountRow};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use crdb_cloud::models::organization::Organization;
use crdb_cloud::operation::{self, Operation};
use std::sync::Arc;

/// The `Cc-Version` this server speaks.
pub const API_VERSION: &str = "2024-09-16";
/// Name of the service account made on first start.
pub const BOOTSTRAP_ACCOUNT: &str = "bootstrap-admin";

/// State shared by all handlers.
pub struct AppState {
    /// Storage.
    pub store: Arc<Store>,
    /// Rate limits.
    pub limits: Limits,
    /// Injected faults.
    pub faults: Faults,
    /// How long-running work completes.
    pub transitions: Transitions,
    /// Id of the bootstrap service account.
    pub bootstrap_sa: String,
}

/// Handle to the shared state.
pub type Shared = Arc<AppState>;

/// The operation a request is for, put in the request's extensions.
#[derive(Debug, Clone, Copy)]
pub struct Op(pub &'static Operation);

/// Finds the operation for a method and path; literal segments win over
/// `{params}` (so `/clusters/available-regions` is not a cluster id).
pub fn match_operation(method: &Method, path: &str) -> Option<&'static Operation> {
    let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    operation::ALL
        .iter()
        .filter(|op| op.method.as_str() == method.as_str())
        .filter_map(|op| {
            let tpl: Vec<&str> = op.path.split('/').collect();
            if tpl.len() != segs.len() {
                return None;
            }
            let mut params = 0;
            for (t, s) in tpl.iter().zip(&segs) {
                if t.starts_with('{') {
                    if s.is_empty() {
                        return None;
                    }
                    params += 1;
                } else if t != s {
                    return None;
                }
            }
            Some((params, op))
        })
        .min_by_key(|(params, _)| *params)
        .map(|(_, op)| op)
}

/// The operation registered for a method and route template.
pub fn operation_for_template(method: &Method, template: &str) -> Option<&'static Operation> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static BY_TEMPLATE: OnceLock<HashMap<(&'static str, &'static str), &'static Operation>> =
        OnceLock::new();
    let table = BY_TEMPLATE.get_or_init(|| {
        operation::ALL
            .iter()
            .map(|op| ((op.method.as_str(), op.path), op))
            .collect()
    });
    table.get(&(method.as_str(), template)).copied()
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Checks `Cc-Version`: absent means the latest; anything else but the one
/// supported version is 400 `invalid Cc-Version.`.
pub fn check_version(headers: &HeaderMap) -> ApiResult<()> {
    match headers.get("cc-version") {
        None => Ok(()),
        Some(v) if v.as_bytes() == API_VERSION.as_bytes() => Ok(()),
        Some(_) => Err(ApiError::invalid("invalid Cc-Version.")),
    }
}

fn set_rate_headers(response: &mut Response, d: &Decision) {
    let h = response.headers_mut();
    h.insert(
        HeaderName::from_static("x-ratelimit-limit"),
        HeaderValue::from(d.limit),
    );
    h.insert(
        HeaderName::from_static("x-ratelimit-remaining"),
        HeaderValue::from(d.remaining),
    );
    h.insert(
        HeaderName::from_static("x-ratelimit-reset"),
        HeaderValue::from(d.reset_secs),
    );
}

fn finish(mut response: Response, decision: Option<&Decision>, limit: u32) -> Response {
    let fallback = Decision {
        allowed: true,
        limit,
        remaining: limit,
        reset_secs: 0,
        retry_after_secs: 0,
    };
    set_rate_headers(&mut response, decision.unwrap_or(&fallback));
    response.headers_mut().insert(
        HeaderName::from_static("cc-version"),
        HeaderValue::from_static(API_VERSION),
    );
    response
}

/// The middleware of `/api/v1`: version, auth, rate limit, role, faults.
pub async fn api_middleware(State(app): State<Shared>, mut req: Request, next: Next) -> Response {
    let limit = app.limits.limit();
    if let Err(e) = check_version(req.headers()) {
        return finish(e.into_response(), None, limit);
    }
    // Routes are registered with the operation table's templates, so the
    // matched template names the operation without re-parsing the path.
    let matched = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .and_then(|p| operation_for_template(req.method(), p.as_str()));
    let Some(op) = matched.or_else(|| match_operation(req.method(), req.uri().path())) else {
        return finish(next.run(req).await, None, limit);
    };
    let caller = match app.store.read(|mem| {
        auth::authenticate(
            mem,
            header_str(req.headers(), "authorization"),
            Some(&app.bootstrap_sa),
        )
    }) {
        Ok(c) => c,
        Err(e) => return finish(e.into_response(), None, limit),
    };
    let decision = app.limits.check(&caller.service_account_id);
    if !decision.allowed {
        let e = ApiError::rate_limited(decision.retry_after_secs);
        return finish(e.into_response(), Some(&decision), limit);
    }
    if let Err(e) = rbac::check_role(op.id, &caller.roles) {
        return finish(e.into_response(), Some(&decision), limit);
    }
    let injection = app.faults.pick(op.id);
    if let Some(latency) = injection.latency {
        tokio::time::sleep(latency).await;
    }
    if let Some(e) = injection.error {
        return finish(e.into_response(), Some(&decision), limit);
    }
    req.extensions_mut().insert(caller);
    req.extensions_mut().insert(Op(op));
    finish(next.run(req).await, Some(&decision), limit)
}

/// The middleware of `/local/v1`: the bootstrap key only.
pub async fn admin_middleware(State(app): State<Shared>, mut req: Request, next: Next) -> Response {
    let caller: ApiResult<Caller> = app.store.read(|mem| {
        auth::authenticate(
            mem,
            header_str(req.headers(), "authorization"),
            Some(&app.bootstrap_sa),
        )
    });
    match caller {
        Ok(c) if c.is_bootstrap => {
            req.extensions_mut().insert(c);
            next.run(req).await
        }
        Ok(_) => ApiError::permission_denied("the local admin API takes the bootstrap key only")
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// What bootstrap produced.
#[derive(Debug, Clone)]
pub struct Bootstrap {
    /// The bootstrap service account id.
    pub service_account_id: String,
    /// A key generated on this start (print it once), if any.
    pub generated_key: Option<String>,
}

/// The changes creating a key for a service account.
pub fn key_change(sa_id: &str, name: &str, secret: &str) -> Change {
    Change::ApiKey(ApiKeyRow {
        id: auth::key_id_of(secret),
        name: name.to_owned(),
        service_account_id: sa_id.to_owned(),
        secret_hash: auth::hash_secret(secret),
        created_at: crate::clock::now(),
    })
}

/// First start: the organization, the bootstrap ORG_ADMIN service account and
/// its key. Later starts: find the account, add `--bootstrap-api-key` if new.
pub fn bootstrap(store: &Store, config: &Config) -> ApiResult<Bootstrap> {
    store.mutate(|mem| {
        let now = crate::clock::now();
        let mut changes = Vec::new();
        let org_id = match &mem.org {
            Some(org) => org.id.clone(),
            None => {
                let org = Organization {
                    id: uuid::Uuid::new_v4().to_string(),
                    label: "local".into(),
                    name: "Local Organization".into(),
                    created_at: now,
                    cockroach_cloud_service_principals: None,
                };
                let id = org.id.clone();
                changes.push(Change::Organization(org));
                id
            }
        };
        let existing = mem
            .service_accounts
            .values()
            .find(|sa| sa.name == BOOTSTRAP_ACCOUNT)
            .map(|sa| sa.id.clone());
        let sa_id = match existing {
            Some(id) => id,
            None => {
                let grant = |role: &str| Grant {
                    role: role.into(),
                    resource_type: "ORGANIZATION".into(),
                    resource_id: org_id.clone(),
                };
                let sa = ServiceAccountRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    name: BOOTSTRAP_ACCOUNT.into(),
                    description:
                        "Created on first start; holds ORG_ADMIN, CLUSTER_ADMIN and FOLDER_ADMIN"
                            .into(),
                    creator_name: "crdb-cloud-server".into(),
                    created_at: now,
                    roles: vec![
                        grant("ORG_ADMIN"),
                        grant("CLUSTER_ADMIN"),
                        grant("FOLDER_ADMIN"),
                    ],
                };
                let id = sa.id.clone();
                changes.push(Change::ServiceAccount(sa));
                id
            }
        };
        let has_key = mem.api_keys.values().any(|k| k.service_account_id == sa_id);
        let mut generated = None;
        match &config.bootstrap_api_key {
            Some(secret) if !mem.key_by_hash.contains_key(&auth::hash_secret(secret)) => {
                changes.push(key_change(&sa_id, "bootstrap", secret));
            }
            Some(_) => {}
            None if !has_key => {
                let (_, secret) = auth::generate_secret();
                changes.push(key_change(&sa_id, "bootstrap", &secret));
                generated = Some(secret);
            }
            None => {}
        }
        Ok((
            Bootstrap {
                service_account_id: sa_id,
                generated_key: generated,
            },
            changes,
        ))
    })
}
