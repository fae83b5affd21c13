//! A recording HTTP server on 127.0.0.1: answers every request and keeps what it received.

use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// One request as it arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub method: String,
    /// The request target exactly as sent: path and query, still percent-encoded.
    pub target: String,
    /// Header names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The values of header `name` (case-insensitive), in order.
    pub fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            .collect()
    }
}

/// What the server answers: status, content type and body.
pub type Reply = (u16, &'static str, Vec<u8>);

/// A running recorder; stops when dropped.
pub struct Recorder {
    server: Arc<tiny_http::Server>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    thread: Option<JoinHandle<()>>,
    port: u16,
}

impl Recorder {
    /// Starts a recorder that answers each request with `reply(&request)`.
    pub fn start(reply: impl Fn(&Recorded) -> Reply + Send + 'static) -> Recorder {
        Recorder::start_with_headers(move |request| (reply(request), Vec::new()))
    }

    /// Starts a recorder that answers each request with `reply(&request)` and the headers it
    /// gives.
    pub fn start_with_headers(
        reply: impl Fn(&Recorded) -> (Reply, Vec<(&'static str, String)>) + Send + 'static,
    ) -> Recorder {
        let server = tiny_http::Server::http("127.0.0.1:0")
            .unwrap_or_else(|err| panic!("cannot start the recording server: {err}"));
        let server = Arc::new(server);
        let port = server
            .server_addr()
            .to_ip()
            .map(|addr| addr.port())
            .unwrap_or_else(|| panic!("the recording server has no IP address"));
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let server = Arc::clone(&server);
            let recorded = Arc::clone(&recorded);
            std::thread::spawn(move || {
                for mut request in server.incoming_requests() {
                    let mut body = Vec::new();
                    let _ = std::io::Read::read_to_end(request.as_reader(), &mut body);
                    let entry = Recorded {
                        method: request.method().as_str().to_owned(),
                        target: request.url().to_owned(),
                        headers: request
                            .headers()
                            .iter()
                            .map(|h| {
                                (
                                    h.field.as_str().as_str().to_ascii_lowercase(),
                                    h.value.as_str().to_owned(),
                                )
                            })
                            .collect(),
                        body,
                    };
                    let ((status, content_type, body), headers) = reply(&entry);
                    if let Ok(mut all) = recorded.lock() {
                        all.push(entry);
                    }
                    let mut response =
                        tiny_http::Response::from_data(body).with_status_code(status);
                    if let Ok(header) = tiny_http::Header::from_bytes("Content-Type", content_type)
                    {
                        response.add_header(header);
                    }
                    for (name, value) in headers {
                        if let Ok(header) = tiny_http::Header::from_bytes(name, value) {
                            response.add_header(header);
                        }
                    }
                    let _ = request.respond(response);
                }
            })
        };
        Recorder {
            server,
            recorded,
            thread: Some(thread),
            port,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Everything received so far, in order.
    pub fn recorded(&self) -> Vec<Recorded> {
        self.recorded
            .lock()
            .map(|all| all.clone())
            .unwrap_or_default()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on: bound by the system, then released at once (a
/// listener that accepted nothing leaves no socket behind, unlike a dropped recorder, whose
/// thread may still hold its socket for a moment).
pub fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap_or(9)
}
