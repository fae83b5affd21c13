use super::super::tests::Fixed;
use super::super::Payload;
use super::*;

const URL: &str = "http://127.0.0.1:18765";
const DATE: (&str, &str) = ("Date", "Mon, 09 Sep 2015 12:36:00 GMT");
const WEDNESDAY: (&str, &str) = ("Date", "Wed, 09 Sep 2015 12:36:00 GMT");

fn params() -> Aws {
    Aws {
        region: "us-east-1".into(),
        service: "iam".into(),
        ..Aws::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    }
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn run(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Payload<'_>,
    params: &Aws,
) -> Signed {
    let message = Message {
        method,
        url,
        headers,
        body,
    };
    sign(&message, params, &Fixed::at(0)).unwrap()
}

#[test]
fn dates_are_formatted_and_parsed() {
    assert_eq!(amz_datetime(UNIX_EPOCH), "19700101T000000Z");
    let date = parse_date("Mon, 09 Sep 2015 12:36:00 GMT").unwrap();
    assert_eq!(amz_datetime(date), "20150909T123600Z");
    assert_eq!(parse_date("2015-09-09T12:36:00.000Z").unwrap(), date);
    assert_eq!(
        amz_datetime(parse_date("2024-02-29T23:59:59Z").unwrap()),
        "20240229T235959Z"
    );
    assert!(parse_date("yesterday").is_err());
    for days in [0, 59, 365, 11_016, 19_782, 2_932_896] {
        let (year, month, day) = civil_date(days);
        assert_eq!(days_from_civil(year, month, day), days);
    }
}

/// The AWS documentation's example (GET `?Action=ListUsers&Version=2010-05-08` on IAM at
/// 20150830T123600Z): signature `5d672d79...`.
#[test]
fn aws_documentation_example() {
    let headers = headers(&[
        (
            "Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8",
        ),
        ("X-Amz-Date", "20150830T123600Z"),
    ]);
    // Postman replaces X-Amz-Date with the time of the Date header or the clock: here the clock.
    let message = Message {
        method: "GET",
        url: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
        headers: &headers,
        body: Payload::None,
    };
    let at = days_from_civil(2015, 8, 30) * 86_400 + 12 * 3600 + 36 * 60;
    let signed = sign(&message, &params(), &Fixed::at(at)).unwrap();
    assert_eq!(
        signed.headers,
        vec![
            ("Host".to_owned(), "iam.amazonaws.com".to_owned()),
            ("X-Amz-Date".to_owned(), "20150830T123600Z".to_owned()),
            (
                "Authorization".to_owned(),
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date, \
                 Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn header_signatures_are_newmans() {
    let signed = run(
        "GET",
        &format!("{URL}/?Action=ListUsers&Version=2010-05-08"),
        &headers(&[
            DATE,
            (
                "Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8",
            ),
        ]),
        Payload::None,
        &params(),
    );
    assert_eq!(
        signed.headers.last().unwrap().1,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150909/us-east-1/iam/aws4_request, \
         SignedHeaders=content-type;date;host;x-amz-date, \
         Signature=d8ac0874a809f9427d423f95f5e4bf4c7c4c1a224015dc924cdf1ba70c9eb504"
    );

    let session = Aws {
        session_token: "SESSION/TOK".into(),
        service: "execute-api".into(),
        region: "eu-west-1".into(),
        ..params()
    };
    let signed = run(
        "POST",
        &format!("{URL}/p"),
        &headers(&[
            DATE,
            ("X-Custom", "  a   b  "),
            ("Content-Type", "application/json"),
        ]),
        Payload::Bytes(b"{\"a\": 1}"),
        &session,
    );
    assert_eq!(
        signed.headers,
        headers(&[
            (CONTENT_SHA256, "f9d86028c6e0d64e225186f96acb69338b2c59764df79162107f5c4bb34d1310"),
            ("Host", "127.0.0.1:18765"),
            ("X-Amz-Security-Token", "SESSION/TOK"),
            ("X-Amz-Date", "20150909T123600Z"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150909/eu-west-1/execute-api/aws4_request, \
                 SignedHeaders=content-type;date;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-custom, \
                 Signature=22884f8d7058637f00634a59805bad331dbf099ddfd98d34a957486c8fa343c5"
            ),
        ])
    );

    // A form body in S3 (its Content-Type is added after signing, so it is not signed).
    let fields = vec![("b".to_owned(), "x y".to_owned())];
    let s3 = Aws {
        service: "s3".into(),
        ..params()
    };
    let signed = run(
        "POST",
        &format!("{URL}/f"),
        &headers(&[DATE]),
        Payload::Form {
            fields: &fields,
            bytes: b"b=x%20y",
        },
        &s3,
    );
    assert!(signed.headers.last().unwrap().1.ends_with(
        "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date, \
         Signature=375420346fe0c7138cbf50ee711f158614a8e6341161d27ac3987c94eb53cd15"
    ));

    // S3 paths are decoded before they are encoded again; without a body the empty hash.
    let signed = run(
        "GET",
        &format!("{URL}/my%20bucket/a%2Fb/%C3%A9?x"),
        &headers(&[DATE]),
        Payload::None,
        &s3,
    );
    assert_eq!(
        signed.headers[1],
        headers(&[(
            CONTENT_SHA256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )])[0]
    );
    assert!(signed
        .headers
        .last()
        .unwrap()
        .1
        .ends_with("Signature=d41ab3311d0454bc334278bb06644ad1070e3102e7bfe13e04e3b4894f4705a3"));

    // An Authorization and X-Amz-Date of the request's own are replaced.
    let signed = run(
        "GET",
        &format!("{URL}/h"),
        &headers(&[
            DATE,
            ("Authorization", "x"),
            ("x-amz-date", "20200101T000000Z"),
        ]),
        Payload::None,
        &params(),
    );
    assert!(signed
        .headers
        .last()
        .unwrap()
        .1
        .ends_with("Signature=8a980c51921fa3cf7c52c41514e4b9756c4a5cb12eb7419b7ba48166d1bb26ab"));

    // Empty keys still sign, as in Postman.
    let signed = run(
        "GET",
        &format!("{URL}/nk"),
        &headers(&[DATE]),
        Payload::None,
        &Aws {
            access_key: String::new(),
            secret_key: String::new(),
            ..params()
        },
    );
    assert!(signed
        .headers
        .last()
        .unwrap()
        .1
        .ends_with("Signature=dd2600f2da51426c589e61ed86a68f5ba8fda46b6d28213d20ac892d853c4ada"));
}

#[test]
fn normalized_paths_repeated_headers_and_defaults_are_newmans() {
    let defaults = Aws {
        region: String::new(),
        service: String::new(),
        ..params()
    };
    let signed = run(
        "GET",
        &format!("{URL}/x/../y//z/./w?b=2&a=1&a=0&c=a%20b&d=it%27s&e"),
        &headers(&[WEDNESDAY]),
        Payload::None,
        &defaults,
    );
    assert_eq!(
        signed.headers.last().unwrap().1,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150909/us-east-1/execute-api/aws4_request, \
         SignedHeaders=date;host;x-amz-date, \
         Signature=2710a17289ca9514b1685c1e722254542a942a76922c7a80c22800b16cb9cd5e"
    );
    // `email` signs as `ses`; a path with `|` is re-encoded; repeated headers are joined.
    let ses = Aws {
        service: "email".into(),
        ..defaults
    };
    let signed = run(
        "GET",
        &format!("{URL}/a|b?q=%41"),
        &headers(&[WEDNESDAY, ("X-Dup", "1"), ("X-Dup", "2")]),
        Payload::None,
        &ses,
    );
    assert_eq!(
        signed.headers.last().unwrap().1,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150909/us-east-1/ses/aws4_request, \
         SignedHeaders=date;host;x-amz-date;x-dup, \
         Signature=e0b4117aefbe3919aef2d0fd228d67f9997e3fa1df4658506276896aa0986fb7"
    );
}

#[test]
fn query_signatures_are_newmans() {
    let query = Aws {
        add_auth_data_to_query: true,
        session_token: "st".into(),
        ..params()
    };
    let signed = run(
        "GET",
        &format!("{URL}/q?z=1"),
        &headers(&[DATE]),
        Payload::None,
        &query,
    );
    assert_eq!(signed.headers, headers(&[("Host", "127.0.0.1:18765")]));
    assert_eq!(
        signed.url.as_deref(),
        Some(
            "http://127.0.0.1:18765/q?z=1&X-Amz-Security-Token=st&X-Amz-Date=20150909T123600Z\
             &X-Amz-Algorithm=AWS4-HMAC-SHA256\
             &X-Amz-Credential=AKIDEXAMPLE%2F20150909%2Fus-east-1%2Fiam%2Faws4_request\
             &X-Amz-SignedHeaders=date%3Bhost\
             &X-Amz-Signature=29b59ff3d042777848fafe1473789ee55d45c851cc8404a7d30d5eaa2f9a5ef9"
        )
    );
    let s3 = Aws {
        add_auth_data_to_query: true,
        service: "s3".into(),
        ..params()
    };
    let signed = run(
        "GET",
        &format!("{URL}/q"),
        &headers(&[DATE]),
        Payload::None,
        &s3,
    );
    assert_eq!(
        signed.url.as_deref(),
        Some(
            "http://127.0.0.1:18765/q?X-Amz-Expires=86400&X-Amz-Date=20150909T123600Z\
             &X-Amz-Algorithm=AWS4-HMAC-SHA256\
             &X-Amz-Credential=AKIDEXAMPLE%2F20150909%2Fus-east-1%2Fs3%2Faws4_request\
             &X-Amz-SignedHeaders=date%3Bhost\
             &X-Amz-Signature=916483e17ea6aff78405a01492231fdf009f61cc8ce79ffae25057480ced9636"
        )
    );
}

#[test]
fn paths_and_queries_are_canonical() {
    assert_eq!(canonical_path("/x/../y//z/./w", false), "/y/z/w");
    assert_eq!(canonical_path("/a%20b/", false), "/a%2520b/");
    assert_eq!(canonical_path("/..", false), "/");
    assert_eq!(
        canonical_path("/my%20bucket/a%2Fb/./c", true),
        "/my%20bucket/a/b/./c"
    );
    assert_eq!(
        canonical_query("b=2&a=1&a=0&c=a%20b&d=it%27s&=x&e", false),
        "a=0&a=1&b=2&c=a%20b&d=it%27s&e="
    );
    assert_eq!(canonical_query("a=1&a=0", true), "a=1");
    assert_eq!(
        split_path("/a|b%41%2F?q=%7C"),
        ("/a%7CbA%252F".to_owned(), "q=%7C".to_owned())
    );
}
