//! Signed auth end to end, against a recording server on 127.0.0.1: what needs the server's
//! answer (a digest challenge). Signatures themselves are compared with newman's in
//! `conformance.rs` and in the runtime's unit tests.
#![allow(clippy::panic)]

use codegen_runtime::Error;
use tests::recorder::Recorder;

/// Digest auth without the server's nonce (collections/signing, "Challenge first"): the
/// request goes without the header, the 401 challenge is answered once with its realm, nonce,
/// qop and opaque, and the response to the answer is what `send` returns.
#[tokio::test(flavor = "multi_thread")]
async fn a_digest_challenge_is_answered_once() {
    use tests::generated::c_signing_postman_collection as signing;
    let challenge = "Digest realm=\"testrealm@host.com\", qop=\"auth\", \
                     nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", \
                     opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
    let server = Recorder::start_with_headers(move |request| {
        if request.header("authorization").is_empty() {
            (
                (401, "text/plain", b"who are you".to_vec()),
                vec![("WWW-Authenticate", challenge.to_owned())],
            )
        } else {
            ((200, "text/plain", b"welcome".to_vec()), Vec::new())
        }
    });
    let client =
        signing::Client::new(signing::Variables::default()).with_base_url(server.base_url());
    let response = client
        .send(&signing::digest::ChallengeFirst::new())
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(response.status, 200);
    let recorded = server.recorded();
    assert_eq!(recorded.len(), 2, "{recorded:#?}");
    assert!(recorded[0].header("authorization").is_empty());
    let answer = recorded[1].header("authorization");
    let answer = answer.first().copied().unwrap_or_default();
    // The client nonce is random: the response hash is checked against it.
    let cnonce = answer
        .split("cnonce=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    assert_eq!(cnonce.len(), 8, "{answer}");
    let md5 = |text: String| {
        use md5::Digest as _;
        md5::Md5::digest(text.as_bytes())
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect::<String>()
    };
    let ha1 = md5("Mufasa:testrealm@host.com:Circle Of Life".to_owned());
    let ha2 = md5("GET:/dir/2".to_owned());
    let expected = md5(format!(
        "{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:{cnonce}:auth:{ha2}"
    ));
    assert_eq!(
        answer,
        format!(
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", \
             nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/2\", algorithm=\"MD5\", \
             qop=auth, nc=00000001, cnonce=\"{cnonce}\", response=\"{expected}\", \
             opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""
        )
    );

    // A second challenge after the answer is the server's final word: no third request.
    let stubborn = Recorder::start_with_headers(move |_| {
        (
            (401, "text/plain", Vec::new()),
            vec![("WWW-Authenticate", challenge.to_owned())],
        )
    });
    let client =
        signing::Client::new(signing::Variables::default()).with_base_url(stubborn.base_url());
    let sent = client.send(&signing::digest::ChallengeFirst::new()).await;
    assert!(
        matches!(sent, Err(Error::Status(ref response)) if response.status == 401),
        "{sent:?}"
    );
    assert_eq!(stubborn.recorded().len(), 2);
}
