//! The HTTP edge: one request out, one bounded answer back (a global timeout per request, a
//! size limit on bodies, no redirects followed), and the curl command that replays it.

use std::fmt::Write as _;
use std::time::Duration;

use crate::Credentials;

/// Bodies larger than this are refused while reading: the app under test may be broken in any
/// way, including streaming forever.
pub const BODY_LIMIT: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("no answer within {0} s")]
    Timeout(u64),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("the answer's body is larger than {} KiB", BODY_LIMIT / 1024)]
    TooLarge,
    #[error("{0}")]
    Other(String),
}

pub struct Client {
    agent: ureq::Agent,
    timeout: Duration,
}

/// A request as the tests build it; the body is JSON (or raw bytes for webhooks).
#[derive(Clone, Debug)]
pub struct Request {
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Headers sent as they are.
    pub headers: Vec<(String, String)>,
    /// Whether to send the credentials header.
    pub authenticated: bool,
    pub body: Option<Vec<u8>>,
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl Client {
    pub fn new(timeout: Duration) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .allow_non_standard_methods(true)
            .build();
        Client { agent: config.into(), timeout }
    }

    pub fn send(&self, request: &Request, credentials: Option<&Credentials>) -> Result<Answer, HttpError> {
        let mut builder = ureq::http::Request::builder().method(request.method).uri(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let (true, Some(credentials)) = (request.authenticated, credentials) {
            builder = builder.header(&credentials.header, &credentials.value);
        }
        let sent = match &request.body {
            Some(body) => builder
                .header("content-type", "application/json")
                .body(body.clone())
                .map_err(|e| HttpError::Other(e.to_string()))
                .and_then(|r| self.agent.run(r).map_err(|e| self.error(e))),
            None => builder
                .body(())
                .map_err(|e| HttpError::Other(e.to_string()))
                .and_then(|r| self.agent.run(r).map_err(|e| self.error(e))),
        };
        let mut response = sent?;
        let status = response.status().as_u16();
        let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = response.body_mut().with_config().limit(BODY_LIMIT).read_to_vec().map_err(|e| self.error(e))?;
        Ok(Answer { status, content_type, body })
    }

    fn error(&self, error: ureq::Error) -> HttpError {
        match error {
            ureq::Error::Timeout(_) => HttpError::Timeout(self.timeout.as_secs()),
            ureq::Error::BodyExceedsLimit(_) => HttpError::TooLarge,
            ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => HttpError::Connect(error.to_string()),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                HttpError::Connect(io.to_string())
            }
            other => HttpError::Other(other.to_string()),
        }
    }
}

/// The request as a curl command. The credentials appear as `$VARIABLE`; the body in single
/// quotes.
pub fn curl(request: &Request, credentials: Option<&Credentials>) -> String {
    let mut out = format!("curl -i -X {} {}", request.method, shell_quote(&request.url));
    if let (true, Some(credentials)) = (request.authenticated, credentials) {
        let _ = write!(out, " -H \"{}: ${}\"", credentials.header, credentials.variable);
    }
    for (name, value) in &request.headers {
        let _ = write!(out, " -H {}", shell_quote(&format!("{name}: {value}")));
    }
    if let Some(body) = &request.body {
        let _ =
            write!(out, " -H 'content-type: application/json' --data {}", shell_quote(&String::from_utf8_lossy(body)));
    }
    out
}

/// Single quotes, with embedded single quotes closed, escaped and reopened.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// An answer's body for a message: its start, with control characters escaped.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    for c in text.chars().take(160) {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    if text.chars().count() > 160 {
        out.push('…');
    }
    out
}

/// `%`-encodes a query or path value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}
