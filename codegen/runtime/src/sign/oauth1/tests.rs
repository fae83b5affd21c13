use super::super::tests::Fixed;
use super::*;

const URL: &str = "http://127.0.0.1:18765";

fn params() -> OAuth1 {
    OAuth1 {
        token: "tok".into(),
        token_secret: "ts".into(),
        signature_method: "HMAC-SHA1".into(),
        timestamp: "1700000000".into(),
        nonce: "abc123XYZ".into(),
        version: "1.0".into(),
        add_params_to_header: true,
        ..OAuth1::new("ck", "cs")
    }
}

fn get(url: &str, params: &OAuth1) -> Signed {
    let message = Message {
        method: "GET",
        url,
        headers: &[],
        body: Payload::None,
    };
    sign(&message, params, &Fixed::at(0)).unwrap()
}

fn authorization(signed: &Signed) -> &str {
    &signed
        .headers
        .iter()
        .find(|(name, _)| name == "Authorization")
        .unwrap()
        .1
}

/// The header postman-runtime sends for `params()` with these fields changed (recorded
/// from newman 6.2.2).
fn expected(fields: &str, signature: &str) -> String {
    format!(
        "OAuth {fields}oauth_timestamp=\"1700000000\",oauth_nonce=\"abc123XYZ\",\
         oauth_version=\"1.0\",oauth_signature=\"{signature}\""
    )
}

const KEYS: &str = "oauth_consumer_key=\"ck\",oauth_token=\"tok\",";

#[test]
fn rfc_5849_example() {
    // RFC 5849 section 1.2, the request for photos with the access token.
    let params = OAuth1 {
        token: "nnch734d00sl2jdk".into(),
        token_secret: "pfkkdhi9sl3r4s00".into(),
        signature_method: "HMAC-SHA1".into(),
        timestamp: "137131202".into(),
        nonce: "chapoH".into(),
        realm: "Photos".into(),
        add_params_to_header: true,
        ..OAuth1::new("dpf43f3p2l4k3l03", "kd94hf93k423kf44")
    };
    let signed = get(
        "http://photos.example.net/photos?file=vacation.jpg&size=original",
        &params,
    );
    assert_eq!(
        authorization(&signed),
        "OAuth realm=\"Photos\",oauth_consumer_key=\"dpf43f3p2l4k3l03\",\
         oauth_token=\"nnch734d00sl2jdk\",oauth_signature_method=\"HMAC-SHA1\",\
         oauth_timestamp=\"137131202\",oauth_nonce=\"chapoH\",\
         oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\""
    );
}

#[test]
fn header_signatures_are_newmans() {
    let signed = get(
        &format!("{URL}/a/b?x=1&y=a%20b&z=%2F&w=it%27s%28%2A%29%21"),
        &params(),
    );
    assert_eq!(
        authorization(&signed),
        expected(
            &format!("{KEYS}oauth_signature_method=\"HMAC-SHA1\","),
            "Jxh4vLI9So1nlXrwSJN76xUFI%2BE%3D"
        )
    );
    assert_eq!(
        signed.url.as_deref(),
        Some("http://127.0.0.1:18765/a/b?x=1&y=a%20b&z=%2F&w=it%27s%28%2A%29%21")
    );
    let sha256 = OAuth1 {
        realm: "Photos r".into(),
        signature_method: "HMAC-SHA256".into(),
        ..params()
    };
    assert_eq!(
        authorization(&get(&format!("{URL}/p"), &sha256)),
        expected(
            &format!("realm=\"Photos%20r\",{KEYS}oauth_signature_method=\"HMAC-SHA256\","),
            "Pf2%2FnJABVgwy%2BclGyAO5iRjx44lwu0ASGs0HEh00I9Q%3D"
        )
    );
    let plaintext = OAuth1 {
        signature_method: "PLAINTEXT".into(),
        consumer_secret: "c&s".into(),
        token_secret: "t s".into(),
        ..params()
    };
    assert_eq!(
        authorization(&get(&format!("{URL}/p"), &plaintext)),
        expected(
            &format!("{KEYS}oauth_signature_method=\"PLAINTEXT\","),
            "c%2526s%26t%2520s"
        )
    );
    // Host and scheme in lower case; the protocol parameters in the query are dropped.
    let signed = get("http://LOCALHOST:18765/Port/x?oauth_token=old", &params());
    assert_eq!(
        authorization(&signed),
        expected(
            &format!("{KEYS}oauth_signature_method=\"HMAC-SHA1\","),
            "tQu0FpzAj6iAJu626PP7BfwwHFU%3D"
        )
    );
    assert_eq!(signed.url.as_deref(), Some("http://LOCALHOST:18765/Port/x"));
}

#[test]
fn the_query_is_decoded_as_a_form_and_sent_re_encoded() {
    let bare = OAuth1 {
        token: String::new(),
        token_secret: String::new(),
        version: String::new(),
        timestamp: "1".into(),
        nonce: "n".into(),
        ..params()
    };
    let signed = get(&format!("{URL}/o?b=%41+x&c"), &bare);
    assert_eq!(
        authorization(&signed),
        "OAuth oauth_consumer_key=\"ck\",oauth_signature_method=\"HMAC-SHA1\",\
         oauth_timestamp=\"1\",oauth_nonce=\"n\",\
         oauth_signature=\"VmSaaX0DPYHiP8Q%2FAskkuGj212Q%3D\""
    );
    assert_eq!(
        signed.url.as_deref(),
        Some("http://127.0.0.1:18765/o?b=A%20x&c")
    );
}

#[test]
fn empty_parameters_are_signed_only_when_asked() {
    let empty_signed = OAuth1 {
        token: String::new(),
        add_empty_params_to_sign: true,
        ..params()
    };
    assert_eq!(
        authorization(&get(&format!("{URL}/e"), &empty_signed)),
        expected(
            "oauth_consumer_key=\"ck\",oauth_signature_method=\"HMAC-SHA1\",",
            "UoSExPtKh3ayao1dPsMPR%2BbpN4g%3D"
        )
    );
    let blank = OAuth1 {
        token: "  ".into(),
        version: String::new(),
        ..params()
    };
    assert_eq!(
        authorization(&get(&format!("{URL}/e"), &blank)),
        "OAuth oauth_consumer_key=\"ck\",oauth_signature_method=\"HMAC-SHA1\",\
         oauth_timestamp=\"1700000000\",oauth_nonce=\"abc123XYZ\",\
         oauth_signature=\"7%2B85R7GuXoGt4TMTYVEtn18569s%3D\""
    );
    // No signature method: HMAC-SHA1, named in the base string but not in the header.
    let unnamed = OAuth1 {
        signature_method: String::new(),
        ..params()
    };
    assert_eq!(
        authorization(&get(&format!("{URL}/n"), &unnamed)),
        expected(KEYS, "tq6Z1DthYjpYcIhF8aglJsBNAaU%3D")
    );
}

#[test]
fn parameters_go_to_the_query_or_the_form_when_not_to_the_header() {
    let query = OAuth1 {
        add_params_to_header: false,
        ..params()
    };
    let signed = get(&format!("{URL}/q?b=2&a=1"), &query);
    assert!(signed.headers.is_empty());
    assert_eq!(
        signed.url.as_deref(),
        Some(
            "http://127.0.0.1:18765/q?b=2&a=1&oauth_consumer_key=ck&oauth_token=tok\
             &oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000\
             &oauth_nonce=abc123XYZ&oauth_version=1.0\
             &oauth_signature=q6XppMKmi220%2Bc0FeqJFqEZUGE4%3D"
        )
    );

    let fields = vec![
        ("b".to_owned(), "x y".to_owned()),
        ("a".to_owned(), "1+1".to_owned()),
    ];
    let message = Message {
        method: "POST",
        url: "http://127.0.0.1:18765/f?q=1",
        headers: &[],
        body: Payload::Form {
            fields: &fields,
            bytes: b"b=x%20y&a=1%2B1",
        },
    };
    let signed = sign(&message, &query, &Fixed::at(0)).unwrap();
    assert_eq!(signed.url.as_deref(), Some("http://127.0.0.1:18765/f?q=1"));
    let form = signed.form.unwrap();
    assert_eq!(form[..2], fields[..]);
    assert_eq!(
        form.last().unwrap(),
        &(
            "oauth_signature".to_owned(),
            "Rghet2mdAPBwcNpLGWcvqh08E1A=".to_owned()
        )
    );
    assert_eq!(form.len(), 9);

    // A PUT without a form: the query, with the empty token since it is signed.
    let message = Message {
        method: "PUT",
        url: "http://127.0.0.1:18765/q",
        headers: &[],
        body: Payload::None,
    };
    let empty = OAuth1 {
        token: String::new(),
        add_empty_params_to_sign: true,
        ..query
    };
    let signed = sign(&message, &empty, &Fixed::at(0)).unwrap();
    assert_eq!(
        signed.url.as_deref(),
        Some(
            "http://127.0.0.1:18765/q?oauth_consumer_key=ck&oauth_token=\
             &oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000\
             &oauth_nonce=abc123XYZ&oauth_version=1.0\
             &oauth_signature=O%2Bq4k%2FZAugiwDf0xw9H0XVWNqmk%3D"
        )
    );
}

#[test]
fn form_fields_are_signed_and_protocol_fields_dropped() {
    let fields = vec![
        ("b".to_owned(), "x y".to_owned()),
        ("oauth_token".to_owned(), "zz".to_owned()),
    ];
    let message = Message {
        method: "POST",
        url: "http://127.0.0.1:18765/f",
        headers: &[],
        body: Payload::Form {
            fields: &fields,
            bytes: b"b=x%20y&oauth_token=zz",
        },
    };
    let signed = sign(&message, &params(), &Fixed::at(0)).unwrap();
    assert_eq!(
        authorization(&signed),
        expected(
            &format!("{KEYS}oauth_signature_method=\"HMAC-SHA1\","),
            "Ul%2F2U%2BeiIYb4KqEFteig21WxZ%2FQ%3D"
        )
    );
    assert_eq!(signed.form, Some(vec![("b".to_owned(), "x y".to_owned())]));
}

#[test]
fn body_hash_callback_and_verifier() {
    let params = OAuth1 {
        include_body_hash: true,
        signature_method: "HMAC-SHA256".into(),
        callback: "http://cb/x".into(),
        verifier: "ver".into(),
        ..params()
    };
    let headers = [("Content-Type".to_owned(), "application/json".to_owned())];
    let message = Message {
        method: "POST",
        url: "http://127.0.0.1:18765/h",
        headers: &headers,
        body: Payload::Bytes(b"{\"a\": 1}"),
    };
    let signed = sign(&message, &params, &Fixed::at(0)).unwrap();
    assert_eq!(
        authorization(&signed),
        "OAuth oauth_consumer_key=\"ck\",oauth_token=\"tok\",\
         oauth_signature_method=\"HMAC-SHA256\",oauth_timestamp=\"1700000000\",\
         oauth_nonce=\"abc123XYZ\",oauth_version=\"1.0\",\
         oauth_body_hash=\"%2BdhgKMbg1k4iUYb5astpM4ssWXZN95FiEH9cS7NNExA%3D\",\
         oauth_callback=\"http%3A%2F%2Fcb%2Fx\",oauth_verifier=\"ver\",\
         oauth_signature=\"pD4i3M%2B8Dm%2FgtnRI59Wnnd8Ov3a%2F5hufq4HAU8erhG4%3D\""
    );
}

#[test]
fn missing_credentials_sign_nothing_and_nonces_are_generated() {
    let no_key = OAuth1 {
        consumer_key: String::new(),
        ..params()
    };
    assert_eq!(get(&format!("{URL}/nk"), &no_key), Signed::default());
    let fresh = OAuth1 {
        nonce: String::new(),
        timestamp: String::new(),
        ..params()
    };
    let message = Message {
        method: "GET",
        url: URL,
        headers: &[],
        body: Payload::None,
    };
    let signed = sign(&message, &fresh, &Fixed::at(1_234_567_890)).unwrap();
    let header = authorization(&signed);
    assert!(
        header.contains("oauth_timestamp=\"1234567890\""),
        "{header}"
    );
    assert!(header.contains("oauth_nonce=\"0123456789A\""), "{header}");
    let rsa = OAuth1 {
        signature_method: "RSA-SHA1".into(),
        ..params()
    };
    let err = sign(&message, &rsa, &Fixed::at(0)).unwrap_err();
    assert!(err.to_string().contains("RSA-SHA1"), "{err}");
}
