//! What can go wrong with a request: building it, sending it, a status that is not a success,
//! or a body that does not decode. Each error keeps its cause as its `source`.

use std::error::Error as StdError;
use std::fmt;

use super::response::{Response, ResponseBody};

type Cause = Box<dyn StdError + Send + Sync + 'static>;

/// What went wrong with a request; `E` is the body type of its error responses.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = ResponseBody> {
    /// The request could not be built (invalid method, header, URL or body, a file that cannot
    /// be read, a variable that resolves to too long a text).
    Build(BuildError),
    /// The request's auth could not be had: an OAuth 2 token endpoint refused or could not be
    /// reached, or your token source failed.
    Auth(AuthError),
    /// Sending the request or receiving the response failed; the message says why
    /// (`connection refused`, a timeout, TLS).
    Transport(reqwest::Error),
    /// The server answered with a status that is not a success; the response is kept.
    Status(Box<Response<E>>),
    /// The response body could not be decoded as the type its status documents.
    Decode {
        /// The status of the response whose body could not be decoded.
        status: http::StatusCode,
        /// What was wrong with the body.
        error: DecodeError,
    },
}

impl Error {
    /// A build error saying `message`.
    pub fn build(message: impl Into<String>) -> Self {
        Error::Build(BuildError {
            message: message.into(),
            source: None,
        })
    }

    /// A build error saying `message`, caused by `source`.
    pub fn build_with(
        message: impl Into<String>,
        source: impl StdError + Send + Sync + 'static,
    ) -> Self {
        Error::Build(BuildError {
            message: message.into(),
            source: Some(Box::new(source)),
        })
    }

    /// The same error for a request whose error responses have the body type `E`. Errors that
    /// come before a response (building, transport) have no body to convert.
    pub fn retype<E>(self) -> Error<E> {
        match self {
            Error::Build(err) => Error::Build(err),
            Error::Auth(err) => Error::Auth(err),
            Error::Transport(err) => Error::Transport(err),
            Error::Status(response) => Error::Build(BuildError {
                message: format!("unexpected response {}", response.status),
                source: None,
            }),
            Error::Decode { status, error } => Error::Decode { status, error },
        }
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build(err) => write!(f, "cannot build the request: {err}"),
            Error::Auth(err) => write!(f, "cannot get an OAuth 2 token: {err}"),
            Error::Transport(err) => {
                write!(f, "the request failed: {err}")?;
                // reqwest says "error sending request"; the reason is at the end of its chain.
                let mut cause: Option<&(dyn StdError + 'static)> = err.source();
                let mut last = None;
                while let Some(inner) = cause {
                    last = Some(inner);
                    cause = inner.source();
                }
                match last {
                    Some(reason) => write!(f, ": {reason}"),
                    None => Ok(()),
                }
            }
            Error::Status(response) => write!(
                f,
                "the server answered {}: {:?}",
                response.status, response.body
            ),
            Error::Decode { status, error } => {
                write!(f, "cannot decode the response ({status}): {error}")
            }
        }
    }
}

impl<E: fmt::Debug> StdError for Error<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Error::Build(err) => Some(err),
            Error::Auth(err) => Some(err),
            Error::Transport(err) => Some(err),
            Error::Status(_) => None,
            Error::Decode { error, .. } => Some(error),
        }
    }
}

/// Why a request could not be built, with the error that caused it, if any.
#[derive(Debug)]
pub struct BuildError {
    message: String,
    source: Option<Cause>,
}

impl BuildError {
    /// What could not be built, and why.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Some(source) => write!(f, "{}: {source}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl StdError for BuildError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_ref()
            .map(|source| &**source as &(dyn StdError + 'static))
    }
}

/// Why a request's auth could not be had, with the token endpoint's answer when it gave one.
#[derive(Debug)]
pub struct AuthError {
    message: String,
    status: Option<http::StatusCode>,
    body: Option<String>,
    source: Option<Cause>,
}

impl AuthError {
    pub(crate) fn new(
        message: String,
        status: Option<http::StatusCode>,
        body: Option<String>,
        source: Option<Cause>,
    ) -> Self {
        AuthError {
            message,
            status,
            body,
            source,
        }
    }

    /// What failed.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The status the token endpoint answered with, if it answered.
    pub fn status(&self) -> Option<http::StatusCode> {
        self.status
    }

    /// The body the token endpoint answered with (as text), if it answered.
    pub fn body(&self) -> Option<&str> {
        self.body.as_deref()
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(status) = self.status {
            write!(f, ": {status}")?;
        }
        if let Some(body) = &self.body {
            write!(f, ": {body}")?;
        }
        // The reason is at the end of the chain (reqwest says "error sending request").
        let mut cause: Option<&(dyn StdError + 'static)> = self.source();
        let mut last = None;
        while let Some(inner) = cause {
            last = Some(inner);
            cause = inner.source();
        }
        match last {
            Some(reason) => write!(f, ": {reason}"),
            None => Ok(()),
        }
    }
}

impl StdError for AuthError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_ref()
            .map(|source| &**source as &(dyn StdError + 'static))
    }
}

/// Why a response body is not the type its status documents.
#[derive(Debug)]
pub struct DecodeError {
    message: String,
    source: Option<serde_json::Error>,
}

impl DecodeError {
    /// A decode error saying `message`, caused by a JSON error if there is one.
    pub fn new(message: impl Into<String>, source: Option<serde_json::Error>) -> Self {
        DecodeError {
            message: message.into(),
            source,
        }
    }

    /// What was wrong with the body.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Some(source) => write!(f, "{}: {source}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl StdError for DecodeError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_ref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_errors_say_what_and_keep_their_cause() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let err = Error::build_with("cannot read the file \"a.txt\" to send", io);
        assert_eq!(
            err.to_string(),
            "cannot build the request: cannot read the file \"a.txt\" to send: no such file"
        );
        let source = err.source().and_then(StdError::source);
        assert_eq!(
            source.map(ToString::to_string).as_deref(),
            Some("no such file")
        );
    }

    #[test]
    fn decode_errors_keep_the_json_error() {
        let json = serde_json::from_slice::<u8>(b"{").err();
        let err: Error = Error::Decode {
            status: http::StatusCode::OK,
            error: DecodeError::new("the body does not match its type", json),
        };
        assert!(err
            .to_string()
            .starts_with("cannot decode the response (200 OK): the body"));
        let source = err.source().and_then(StdError::source);
        assert!(source.is_some_and(|source| source.is::<serde_json::Error>()));
    }
}
