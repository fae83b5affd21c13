// collections/signing.postman_collection.rs compiles with warnings denied, and its requests are
// signed as newman 6.2.2 signed them (recorded with the same origin, nonces and times).
#![deny(warnings)]
#![allow(dead_code)]

mod client {
    include!("../../../collections/signing.postman_collection.rs");
}

use client::{aws, digest, hawk, o_auth_1_0};

fn header(request: &http::Request<Vec<u8>>, name: &str) -> String {
    request
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn main() {
    let client = client::Client::new(client::Variables::default())
        .with_base_url("http://127.0.0.1:18765");

    let built = client.build(&o_auth_1_0::ListCampaigns::new()).unwrap();
    assert_eq!(
        built.uri(),
        "http://127.0.0.1:18765/v1/campaigns?count=10&q=summer%20sale&fields=name%2Cstatus"
    );
    assert!(header(&built, "authorization")
        .ends_with("oauth_signature=\"csx1rjfD5hUg6JNYiEvfmB8e%2FgU%3D\""));

    let built = client.build(&o_auth_1_0::CreateCampaignBodyParameters::new()).unwrap();
    assert!(built.headers().get("authorization").is_none());
    let body = String::from_utf8(built.body().clone()).unwrap();
    assert!(body.starts_with("name=Winter&oauth_consumer_key=dpf43f3p2l4k3l03&"), "{body}");
    assert!(body.ends_with("&oauth_signature=jTOk%2Biw1H35BFIFz47SwitvAPNU%3D"), "{body}");

    let built = client.build(&aws::GetItem::new()).unwrap();
    assert_eq!(header(&built, "x-amz-date"), "20150909T123600Z");
    assert!(header(&built, "authorization").ends_with(
        "Signature=0598f433d971ccc075892215d6d83596fb5598bb6e0c8166c03cf5f072e77f24"
    ));

    let built = client.build(&hawk::GetResource::new()).unwrap();
    assert!(header(&built, "authorization")
        .ends_with("mac=\"G6t2h0IzyRMOSTm5p0akbMI8fyCqDsa8+6cyeKh3lvw=\""));

    let built = client.build(&digest::WithTheServersNonce::new()).unwrap();
    assert!(header(&built, "authorization")
        .contains("response=\"a084f279bd7e0ef83bf33e8098b8ba1d\""));
    // Without the server's nonce the request goes without the header first.
    let built = client.build(&digest::ChallengeFirst::new()).unwrap();
    assert!(built.headers().get("authorization").is_none());
}
