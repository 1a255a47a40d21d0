//! The HTTP side: routes E1–E17 and ListApisV2 under
//! `/v2/{project_id}/apigw/instances/{instance_id}`, ListInstancesV2 at
//! `/v2/{project_id}/apigw/instances`, the control call `/_emulator/health`, and the gate every
//! request passes (faults, credentials, project and gateway, request id, access log).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::conn::{Conn, CuttableListener};
use super::errors::ApiError;
use super::faults::{Fault, GARBAGE_PAGE};
use super::state::new_id;
use super::{
    App, EmulatorConfig, access_log, apis, auth, channels, control, gateways, groups, members,
};

/// Largest request body read (a 10,000-member PUT is about 1.5 MB).
const BODY_LIMIT: usize = 64 << 20;

const GATEWAYS: &str = "/v2/{project_id}/apigw/instances";
const BASE: &str = "/v2/{project_id}/apigw/instances/{instance_id}/vpc-channels";

pub fn router(app: Arc<App>) -> Router {
    let r = |tail: &str| format!("{BASE}{tail}");
    Router::new()
        .route(GATEWAYS, get(gateways::list))
        .route(&format!("{GATEWAYS}/{{instance_id}}/apis"), get(apis::list))
        .route("/_emulator/health", post(control::health))
        .route(&r(""), get(channels::list).post(channels::create))
        .route(
            &r("/{vpc_channel_id}"),
            get(channels::show)
                .put(channels::update)
                .delete(channels::delete),
        )
        .route(
            &r("/{vpc_channel_id}/members"),
            get(members::list).post(members::add).put(members::replace),
        )
        .route(
            &r("/{vpc_channel_id}/members/{member_id}"),
            axum::routing::delete(members::remove),
        )
        .route(
            &r("/{vpc_channel_id}/members/batch-enable"),
            post(members::enable),
        )
        .route(
            &r("/{vpc_channel_id}/members/batch-disable"),
            post(members::disable),
        )
        .route(&r("/{vpc_channel_id}/health-config"), put(members::health))
        .route(
            &r("/{vpc_channel_id}/member-groups"),
            get(groups::list).post(groups::add),
        )
        .route(
            &r("/{vpc_channel_id}/member-groups/{member_group_id}"),
            get(groups::show).put(groups::update).delete(groups::delete),
        )
        .fallback(|| async { ApiError::no_api() })
        .method_not_allowed_fallback(|| async { ApiError::no_api() })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(app.clone(), gate))
        .with_state(app)
}

/// The project id, and the gateway id when there is one, that a `/v2/` path names.
fn scope(path: &str) -> Option<(&str, Option<&str>)> {
    let rest = path.strip_prefix("/v2/")?;
    let (project, rest) = rest.split_once('/').unwrap_or((rest, ""));
    let instance = rest
        .strip_prefix("apigw/instances/")
        .and_then(|r| r.split('/').next())
        .filter(|i| !i.is_empty());
    Some((project, instance))
}

/// Every request: read the body, roll the fault dice, check credentials, project and gateway,
/// then route; every answer gets an `X-Request-Id`, and every request an access-log line.
async fn gate(
    State(app): State<Arc<App>>,
    ConnectInfo(conn): ConnectInfo<Conn>,
    req: Request,
    next: Next,
) -> Response {
    let request_id = new_id();
    let method = req.method().to_string();
    let (path, query) = (
        req.uri().path().to_string(),
        req.uri().query().map(str::to_string),
    );
    let mut resp = gated(&app, &conn, req, next).await;
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    if let Some(log) = &app.access_log {
        let status = (!conn.is_cut()).then(|| resp.status().as_u16());
        log(&access_log::line(
            &method,
            &path,
            query.as_deref(),
            status,
            &request_id,
        ));
    }
    resp
}

async fn gated(app: &App, conn: &Conn, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => return ApiError::malformed_body("the body cannot be read").into_response(),
    };
    if app.faults.rates.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(app.faults.rates.latency_ms)).await;
    }
    let target = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
    let fault = app.faults.roll(parts.method.as_str(), target, &bytes);
    match fault {
        Some(Fault::Drop) => {
            conn.cut();
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        Some(Fault::Garbage) => {
            return (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html")],
                GARBAGE_PAGE,
            )
                .into_response();
        }
        Some(Fault::Error) => return ApiError::system().into_response(),
        Some(Fault::Throttle) => return ApiError::throttled().into_response(),
        Some(Fault::DropAfterApply) | None => {}
    }
    if let Err(e) = auth::check(&app.auth, &parts, &bytes, &app.project_id) {
        return e.into_response();
    }
    if let Some((project, instance)) = scope(parts.uri.path()) {
        // Credentials are scoped to one project: another project is an authentication failure.
        if project != app.project_id {
            return ApiError::bad_credentials().into_response();
        }
        if let Some(instance) = instance
            && app.store.read_project(|p| p.gateway(instance).is_none())
        {
            return ApiError::no_gateway(instance).into_response();
        }
    }
    let drop_after = fault == Some(Fault::DropAfterApply);
    let resp = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if drop_after {
        // The handler has carried out the write (and saved the state); its answer is lost.
        conn.cut();
    }
    resp
}

/// A running emulator.
pub struct EmulatorHandle {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl EmulatorHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stop accepting, let running requests finish (at most 5 s), and return.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Serve the emulator on `listener` until the handle is shut down or dropped.
pub async fn serve(config: EmulatorConfig, listener: TcpListener) -> EmulatorHandle {
    let addr = listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)));
    let app = Arc::new(App::new(config));
    let service = router(app).into_make_service_with_connect_info::<Conn>();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(CuttableListener::new(listener), service)
            .with_graceful_shutdown(async {
                // A dropped handle stops the server as a stop call does.
                let _ = stopped.await;
            })
            .await;
        if let Err(e) = served {
            tracing::warn!("the emulator stopped serving: {e}");
        }
    });
    EmulatorHandle {
        addr,
        stop: Some(stop),
        task: Some(task),
    }
}

#[cfg(test)]
mod tests {
    use super::scope;

    #[test]
    fn scope_reads_project_and_gateway() {
        assert_eq!(
            scope("/v2/p1/apigw/instances/i1/vpc-channels/x"),
            Some(("p1", Some("i1")))
        );
        assert_eq!(scope("/v2/p1/apigw/instances"), Some(("p1", None)));
        assert_eq!(scope("/v2/p1/apigw/instances/"), Some(("p1", None)));
        assert_eq!(scope("/v1.0/apigw/vpc-channels"), None);
    }
}
