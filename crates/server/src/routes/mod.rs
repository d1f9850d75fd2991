//! The HTTP surface: one module per resource family, each handler thin
//! (parse, call a rule inside a store mutation, answer). Routes come from the
//! SDK's operation table so paths cannot drift.

pub mod admin;
pub mod api_keys;
pub mod audit_logs;
pub mod backup_admin;
pub mod backups;
pub mod billing;
pub mod blackout_windows;
pub mod clusters;
pub mod cmek;
pub mod databases;
pub mod folders;
pub mod maintenance;
pub mod openapi;
pub mod organization;
pub mod roles;
pub mod scoped;
pub mod service_accounts;
pub mod sql_users;

use crate::app::{Shared, admin_middleware, api_middleware};
use crate::error::ApiError;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Method, header};
use axum::middleware::from_fn_with_state;
use axum::routing::{delete, get, patch, post, put};
use crdb_cloud::operation as op;
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};
use tower_http::timeout::RequestBodyTimeoutLayer;

/// The whole application router.
pub fn router(app: Shared, max_body_bytes: usize, body_read_timeout: Duration) -> Router {
    let api = Router::new()
        .route(op::GET_ORGANIZATION_INFO.path, get(organization::get))
        .route(
            op::LIST_MAJOR_CLUSTER_VERSIONS.path,
            get(clusters::list_versions),
        )
        .route(
            op::LIST_CLUSTERS.path,
            get(clusters::list).post(clusters::create),
        )
        .route(op::LIST_AVAILABLE_REGIONS.path, get(clusters::list_regions))
        .route(
            op::GET_CLUSTER.path,
            get(clusters::get)
                .patch(clusters::update)
                .delete(clusters::delete),
        )
        .route(
            op::GET_CONNECTION_STRING.path,
            get(clusters::connection_string),
        )
        .route(op::LIST_CLUSTER_NODES.path, get(clusters::list_nodes))
        .route(
            op::GET_CMEK_CLUSTER_INFO.path,
            get(cmek::get)
                .post(cmek::enable)
                .put(cmek::rotate)
                .patch(cmek::update_status),
        )
        .merge(cluster_data_routes())
        .route(op::LIST_AUDIT_LOGS.path, get(audit_logs::list))
        .route(
            op::LIST_SERVICE_ACCOUNTS.path,
            get(service_accounts::list).post(service_accounts::create),
        )
        .route(
            op::GET_SERVICE_ACCOUNT.path,
            get(service_accounts::get)
                .patch(service_accounts::update)
                .delete(service_accounts::delete),
        )
        .route(
            op::LIST_API_KEYS.path,
            get(api_keys::list).post(api_keys::create),
        )
        .route(
            op::GET_API_KEY.path,
            get(api_keys::get)
                .patch(api_keys::update)
                .delete(api_keys::delete),
        )
        .route(
            op::LIST_FOLDERS.path,
            get(folders::list).post(folders::create),
        )
        .route(
            op::GET_FOLDER.path,
            get(folders::get)
                .patch(folders::update)
                .delete(folders::delete),
        )
        .route(op::LIST_FOLDER_CONTENTS.path, get(folders::contents))
        .route(op::LIST_INVOICES.path, get(billing::list))
        .route(op::GET_INVOICE.path, get(billing::get))
        .route(op::LIST_ROLE_GRANTS.path, get(roles::list))
        .route(
            op::GET_ALL_ROLES_FOR_USER.path,
            get(roles::get).put(roles::set),
        )
        .route(
            op::ADD_USER_TO_ROLE.path,
            post(roles::add).delete(roles::remove),
        )
        .route(
            op::GET_PERSON_USERS_BY_EMAIL.path,
            get(roles::person_by_email),
        )
        .layer(from_fn_with_state(app.clone(), api_middleware));
    Router::new()
        .merge(api)
        .route(openapi::PATH, get(openapi::get))
        .merge(
            admin::router(app.clone())
                .route_layer(from_fn_with_state(app.clone(), admin_middleware)),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(app)
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(RequestBodyTimeoutLayer::new(body_read_timeout))
        .layer(cors())
        .layer(tower::layer::layer_fn(PlainOptions))
}

/// Routes of the families that live inside one cluster (SQL users,
/// databases, backups and restores, maintenance, blackout windows).
fn cluster_data_routes() -> Router<Shared> {
    Router::new()
        .route(
            op::LIST_SQL_USERS.path,
            get(sql_users::list).post(sql_users::create),
        )
        .route(op::DELETE_SQL_USER.path, delete(sql_users::delete))
        .route(
            op::UPDATE_SQL_USER_PASSWORD.path,
            put(sql_users::update_password),
        )
        .route(
            op::LIST_DATABASES.path,
            get(databases::list)
                .post(databases::create)
                .patch(databases::edit2),
        )
        .route(
            op::DELETE_DATABASE.path,
            patch(databases::edit).delete(databases::delete),
        )
        .route(op::LIST_BACKUPS.path, get(backups::list_backups))
        .route(
            op::GET_BACKUP_CONFIGURATION.path,
            get(backups::get_config).patch(backups::update_config),
        )
        // CreateRestore's path names the same segment `destination_cluster_id`
        .route(
            op::LIST_RESTORES.path,
            get(backups::list_restores).post(backups::create_restore),
        )
        .route(op::GET_RESTORE.path, get(backups::get_restore))
        .route(
            op::GET_MAINTENANCE_WINDOW.path,
            get(maintenance::get_window)
                .put(maintenance::set_window)
                .delete(maintenance::delete_window),
        )
        .route(
            op::GET_CLUSTER_VERSION_DEFERRAL.path,
            get(maintenance::get_deferral).put(maintenance::set_deferral),
        )
        .route(
            op::LIST_BLACKOUT_WINDOWS.path,
            get(blackout_windows::list).post(blackout_windows::create),
        )
        .route(
            op::GET_BLACKOUT_WINDOW.path,
            get(blackout_windows::get)
                .patch(blackout_windows::update)
                .delete(blackout_windows::delete),
        )
}

/// CORS for browser SDKs: any origin; the API's headers in and out.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("cc-version"),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static("cc-version"),
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderName::from_static("x-ratelimit-remaining"),
            HeaderName::from_static("x-ratelimit-reset"),
        ])
}

/// Refuses a plain `OPTIONS` in front of the CORS layer (which takes every
/// `OPTIONS` for a preflight): `OPTIONS` is a CORS preflight, answered
/// without a key as browsers send none, only when it names the method it
/// asks about (`Access-Control-Request-Method`); any other is a method no
/// operation has, 405. A plain service, not `from_fn`: it costs the API's
/// hot path no boxed future.
#[derive(Debug, Clone)]
struct PlainOptions<S>(S);

impl<S> tower::Service<axum::extract::Request> for PlainOptions<S>
where
    S: tower::Service<
            axum::extract::Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        >,
{
    type Response = axum::response::Response;
    type Error = std::convert::Infallible;
    type Future = PlainOptionsFuture<S::Future>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: axum::extract::Request) -> Self::Future {
        use axum::response::IntoResponse;
        let preflight = req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
        if req.method() == Method::OPTIONS && !preflight {
            let refused = ApiError::method_not_allowed(Method::OPTIONS.as_str(), req.uri().path())
                .into_response();
            return PlainOptionsFuture::Refused {
                response: Some(refused),
            };
        }
        PlainOptionsFuture::Inner {
            future: self.0.call(req),
        }
    }
}

pin_project_lite::pin_project! {
    /// The answer of [`PlainOptions`]: its own refusal, or the inner one.
    #[project = PlainOptionsProj]
    enum PlainOptionsFuture<F> {
        Refused { response: Option<axum::response::Response> },
        Inner { #[pin] future: F },
    }
}

impl<F> std::future::Future for PlainOptionsFuture<F>
where
    F: std::future::Future<Output = Result<axum::response::Response, std::convert::Infallible>>,
{
    type Output = F::Output;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        match self.project() {
            PlainOptionsProj::Refused { response } => {
                std::task::Poll::Ready(Ok(response.take().unwrap_or_default()))
            }
            PlainOptionsProj::Inner { future } => future.poll(cx),
        }
    }
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no such route: {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::method_not_allowed(method.as_str(), uri.path())
}
