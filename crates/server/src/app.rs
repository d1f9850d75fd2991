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
use crate::store::model::{ApiKeyRow, Change, Grant, Mem, ServiceAccountRow};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use crdb_cloud::models::organization::Organization;
use crdb_cloud::operation::{self, Operation};
use std::sync::Arc;

/// The `Cc-Version` this server speaks: the SDK's, one definition for both.
pub const API_VERSION: &str = crdb_cloud::API_VERSION;
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
    /// Failed authentications per client address.
    pub auth_failures: Limits,
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

/// The one value of a header that may appear at most once: `Ok(None)` when
/// absent, `Err(())` when repeated or not visible ASCII.
fn single_header<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, ()> {
    let mut values = headers.get_all(name).iter();
    let first = values.next();
    if values.next().is_some() {
        return Err(());
    }
    first.map(|v| v.to_str().map_err(|_| ())).transpose()
}

/// The `Authorization` header, if there is exactly one; more than one (a
/// valid key followed by another value, say) is refused outright.
fn authorization(headers: &HeaderMap) -> ApiResult<Option<&str>> {
    single_header(headers, "authorization").map_err(|()| {
        ApiError::unauthenticated("exactly one Authorization header of visible ASCII is required")
    })
}

/// Checks `Cc-Version`: absent means the latest; anything else but the one
/// supported version, or more than one header, is 400 `invalid Cc-Version.`.
pub fn check_version(headers: &HeaderMap) -> ApiResult<()> {
    match single_header(headers, "cc-version") {
        Ok(None) => Ok(()),
        Ok(Some(v)) if v == API_VERSION => Ok(()),
        _ => Err(ApiError::invalid("invalid Cc-Version.")),
    }
}

/// The method an operation is looked up under: `HEAD` is `GET` without a
/// body, so it passes exactly `GET`'s checks.
fn lookup_method(method: &Method) -> &Method {
    if method == Method::HEAD {
        &Method::GET
    } else {
        method
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
/// It fails closed: a request that names no operation of the table is
/// refused here and never reaches a handler.
pub async fn api_middleware(State(app): State<Shared>, mut req: Request, next: Next) -> Response {
    let limit = app.limits.limit();
    if let Err(e) = check_version(req.headers()) {
        return finish(e.into_response(), None, limit);
    }
    // Routes are registered with the operation table's templates, so the
    // matched template names the operation without re-parsing the path.
    let method = lookup_method(req.method()).clone();
    let matched = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .and_then(|p| operation_for_template(&method, p.as_str()));
    let Some(op) = matched.or_else(|| match_operation(&method, req.uri().path())) else {
        let e = ApiError::method_not_allowed(req.method().as_str(), req.uri().path());
        return finish(e.into_response(), None, limit);
    };
    let caller = match authenticate(&app, &req) {
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
    // a rejection inside (path, query, body) gets the Status body
    let response = crate::error::with_status_body(next.run(req).await).await;
    finish(response, Some(&decision), limit)
}

/// Authenticates a request. A failure takes a token from its client
/// address's bucket of failed authentications; once that is empty, the
/// address gets 429 until it refills (other addresses are not affected).
fn authenticate(app: &AppState, req: &Request) -> ApiResult<Caller> {
    let result = authorization(req.headers())
        .and_then(|header| app.store.read(|mem| auth::authenticate(mem, header)));
    match result {
        Ok(caller) => Ok(caller),
        Err(e) => {
            let address = crate::serve::peer(req).map(|p| p.ip().to_string());
            let decision = app
                .auth_failures
                .check(address.as_deref().unwrap_or("unknown"));
            if decision.allowed {
                Err(e)
            } else {
                Err(ApiError::rate_limited(decision.retry_after_secs))
            }
        }
    }
}

/// The middleware of `/local/v1`: the bootstrap key only (a key made on
/// first start or given with `--bootstrap-api-key`; keys made through the
/// API never qualify), rate-limited like the API on a bucket of its own.
pub async fn admin_middleware(State(app): State<Shared>, mut req: Request, next: Next) -> Response {
    let limit = app.limits.limit();
    let caller = match authenticate(&app, &req) {
        Ok(c) => c,
        Err(e) => return finish(e.into_response(), None, limit),
    };
    if !caller.is_local_admin {
        let e = ApiError::permission_denied("the local admin API takes the bootstrap key only");
        return finish(e.into_response(), None, limit);
    }
    let decision = app
        .limits
        .check(&format!("local-admin:{}", caller.service_account_id));
    if !decision.allowed {
        let e = ApiError::rate_limited(decision.retry_after_secs);
        return finish(e.into_response(), Some(&decision), limit);
    }
    req.extensions_mut().insert(caller);
    // a rejection inside (path, query, body) gets the Status body
    let response = crate::error::with_status_body(next.run(req).await).await;
    finish(response, Some(&decision), limit)
}

/// What bootstrap produced.
#[derive(Debug, Clone)]
pub struct Bootstrap {
    /// The bootstrap service account id.
    pub service_account_id: String,
    /// A key generated on this start (print it once), if any.
    pub generated_key: Option<String>,
}

/// The changes creating a key for a service account; `local_admin` marks a
/// bootstrap key (only bootstrap itself makes those).
pub fn key_change(sa_id: &str, name: &str, secret: &str, local_admin: bool) -> Change {
    Change::ApiKey(ApiKeyRow {
        id: auth::key_id_of(secret),
        name: name.to_owned(),
        service_account_id: sa_id.to_owned(),
        secret_hash: auth::hash_secret(secret),
        created_at: crate::clock::now(),
        local_admin,
    })
}

/// The organization, made on first start.
fn new_organization(now: crdb_cloud::Timestamp) -> Organization {
    Organization {
        id: uuid::Uuid::new_v4().to_string(),
        label: "local".into(),
        name: "Local Organization".into(),
        created_at: now,
        cockroach_cloud_service_principals: None,
    }
}

/// The bootstrap service account, made on first start.
fn new_bootstrap_account(org_id: &str, now: crdb_cloud::Timestamp) -> ServiceAccountRow {
    let grant = |role: &str| Grant {
        role: role.into(),
        resource_type: "ORGANIZATION".into(),
        resource_id: org_id.to_owned(),
    };
    ServiceAccountRow {
        id: uuid::Uuid::new_v4().to_string(),
        name: BOOTSTRAP_ACCOUNT.into(),
        description: "Created on first start; holds ORG_ADMIN, CLUSTER_ADMIN and FOLDER_ADMIN"
            .into(),
        creator_name: "crdb-cloud-server".into(),
        created_at: now,
        roles: vec![
            grant("ORG_ADMIN"),
            grant("CLUSTER_ADMIN"),
            grant("FOLDER_ADMIN"),
        ],
        bootstrap: true,
    }
}

/// The bootstrap account of a data dir: the one marked so. A data dir from
/// before the mark has none; there the oldest account of the bootstrap name
/// is the one (a later account of that name cannot take its place), and it
/// is marked now, with its keys named `bootstrap`, so the choice is
/// written down once.
fn find_bootstrap_account(mem: &Mem, changes: &mut Vec<Change>) -> Option<String> {
    if let Some(sa) = mem.service_accounts.values().find(|sa| sa.bootstrap) {
        return Some(sa.id.clone());
    }
    let legacy = mem
        .service_accounts
        .values()
        .filter(|sa| sa.name == BOOTSTRAP_ACCOUNT)
        .min_by_key(|sa| (sa.created_at, sa.id.clone()))?;
    changes.push(Change::ServiceAccount(ServiceAccountRow {
        bootstrap: true,
        ..legacy.clone()
    }));
    for key in mem
        .api_keys
        .values()
        .filter(|k| k.service_account_id == legacy.id && k.name == "bootstrap")
    {
        changes.push(Change::ApiKey(ApiKeyRow {
            local_admin: true,
            ..key.clone()
        }));
    }
    Some(legacy.id.clone())
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
                let org = new_organization(now);
                let id = org.id.clone();
                changes.push(Change::Organization(org));
                id
            }
        };
        let sa_id = match find_bootstrap_account(mem, &mut changes) {
            Some(id) => id,
            None => {
                let sa = new_bootstrap_account(&org_id, now);
                let id = sa.id.clone();
                changes.push(Change::ServiceAccount(sa));
                id
            }
        };
        let has_key = mem
            .api_keys
            .values()
            .any(|k| k.service_account_id == sa_id && k.local_admin)
            || changes
                .iter()
                .any(|c| matches!(c, Change::ApiKey(k) if k.local_admin));
        let mut generated = None;
        match &config.bootstrap_api_key {
            Some(secret) if !mem.key_by_hash.contains_key(&auth::hash_secret(secret)) => {
                changes.push(key_change(&sa_id, "bootstrap", secret, true));
            }
            Some(_) => {}
            None if !has_key => {
                let (_, secret) = auth::generate_secret();
                changes.push(key_change(&sa_id, "bootstrap", &secret, true));
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
