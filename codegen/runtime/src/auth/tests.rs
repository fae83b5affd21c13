use super::*;

struct Vars;
impl Variables for Vars {
    fn lookup(&self, name: &str) -> Option<&str> {
        match name {
            "tok" => Some("t"),
            "empty" => Some(""),
            _ => None,
        }
    }
    fn set(&mut self, _: &str, _: String) -> bool {
        false
    }
}

fn plan(auth: &Auth) -> Plan {
    auth.resolve(&Vars)
        .map(|resolved| resolved.plan(None))
        .unwrap_or_else(|err| panic!("{err}"))
}

fn header(plan: &Plan) -> Option<(&str, &str)> {
    plan.header
        .as_ref()
        .map(|(name, value)| (name.as_str(), value.as_str()))
}

// Each case was sent by newman 6.2.2 to a recording server (see the README's auth section).
#[test]
fn empty_values_add_nothing_where_postman_runtime_adds_nothing() {
    assert_eq!(
        plan(&Auth::new("bearer", &[("token", "{{empty}}")])),
        Plan::default()
    );
    assert_eq!(plan(&Auth::new("bearer", &[])), Plan::default());
    let both_empty = Auth::new("apikey", &[("key", ""), ("value", "{{empty}}")]);
    assert_eq!(plan(&both_empty), Plan::default());
    let nameless = Auth::new("apikey", &[("key", "{{empty}}"), ("value", "v")]);
    assert_eq!(plan(&nameless), Plan::default());
    let oauth2 = Auth::new("oauth2", &[("accessToken", "{{empty}}")]);
    assert_eq!(plan(&oauth2), Plan::default());
    let mac = Auth::new(
        "oauth2",
        &[("accessToken", "{{tok}}"), ("tokenType", "MAC")],
    );
    assert_eq!(plan(&mac), Plan::default());
}

#[test]
fn values_are_applied_as_postman_runtime_applies_them() {
    assert_eq!(
        header(&plan(&Auth::new("basic", &[]))),
        Some(("Authorization", "Basic Og=="))
    );
    assert_eq!(
        header(&plan(&Auth::new("basic", &[("username", "{{tok}}")]))),
        Some(("Authorization", "Basic dDo="))
    );
    let empty_value = plan(&Auth::new("apikey", &[("key", "X-K"), ("value", "")]));
    assert_eq!(header(&empty_value), Some(("X-K", "")));
    let in_query = plan(&Auth::new(
        "apikey",
        &[("key", ""), ("value", "v"), ("in", "query")],
    ));
    assert_eq!(in_query.query, Some((String::new(), "v".to_owned())));
    for (prefix, expected) in [("", "t"), (" Token ", "Token t"), ("{{empty}}", "t")] {
        let params: &'static [(&str, &str)] = match prefix {
            "" => &[("accessToken", "{{tok}}"), ("headerPrefix", "")],
            " Token " => &[("accessToken", "{{tok}}"), ("headerPrefix", " Token ")],
            _ => &[("accessToken", "{{tok}}"), ("headerPrefix", "{{empty}}")],
        };
        let plan = plan(&Auth::new("oauth2", params));
        assert_eq!(header(&plan), Some(("Authorization", expected)));
    }
    let query = plan(&Auth::new(
        "oauth2",
        &[("accessToken", "{{tok}}"), ("addTokenTo", "queryParams")],
    ));
    assert_eq!(
        query.query,
        Some(("access_token".to_owned(), "t".to_owned()))
    );
    assert_eq!(query.drop_header.as_deref(), Some("Authorization"));
    let elsewhere = plan(&Auth::new(
        "oauth2",
        &[("accessToken", "t"), ("addTokenTo", "body")],
    ));
    assert_eq!((elsewhere.header, elsewhere.query), (None, None));
    assert_eq!(elsewhere.drop_header.as_deref(), Some("Authorization"));
    // A token the client obtained is used when the collection stores none.
    let fetched = Auth::new("oauth2", &[("accessToken", "{{empty}}")])
        .resolve(&Vars)
        .map(|resolved| resolved.plan(Some("f")))
        .ok();
    let fetched = fetched.as_ref().and_then(header);
    assert_eq!(fetched, Some(("Authorization", "Bearer f")));
}

#[test]
fn api_key_headers_are_replaced_by_their_words_as_lodash_compares_them() {
    let plan = plan(&Auth::new(
        "apikey",
        &[("key", "X-Api-Key"), ("value", "v")],
    ));
    for name in ["x_api_key", "XApiKey", "x-api-key", "X API KEY"] {
        assert!(plan.drops_header(name, None), "{name}");
    }
    assert!(!plan.drops_header("X-Apikey", None));
    assert!(!plan.drops_header("x-api-key", Some(&Text::Given("mine".into()))));
    assert_eq!(lower_case_words("HTTPServer2x"), "http server 2 x");
}

#[test]
fn a_header_the_caller_sets_wins_over_the_auth() {
    let mut headers = Params::headers("authorization: from the collection");
    let query = Params::new();
    let none = http::HeaderMap::new();
    let bearer = || plan(&Auth::new("bearer", &[("token", "{{tok}}")]));
    assert_ne!(
        bearer().unless_given(&headers, &query, &none),
        Plan::default()
    );
    headers.set("Authorization", "mine");
    assert_eq!(
        bearer().unless_given(&headers, &query, &none),
        Plan::default()
    );
    let mut defaults = http::HeaderMap::new();
    defaults.insert(
        http::header::AUTHORIZATION,
        http::HeaderValue::from_static("x"),
    );
    let headers = Params::new_headers();
    assert_eq!(
        bearer().unless_given(&headers, &query, &defaults),
        Plan::default()
    );
}

#[test]
fn signing_schemes_sign_with_collection_or_given_parameters() {
    let mut request = http::Request::builder()
        .uri("http://127.0.0.1:18765/resource/1?b=1&a=2")
        .body(Vec::new())
        .unwrap();
    let key = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";
    let hawk = Auth::given(
        "hawk",
        [
            ("authId", "dh37fgj492je"),
            ("authKey", key),
            ("algorithm", "sha256"),
            ("nonce", "j4h3g2"),
            ("timestamp", "1353832234"),
            ("extraData", "some-app-ext-data"),
        ],
    );
    let resolved = hawk.resolve(&Vars).unwrap();
    assert!(resolved.signs());
    resolved.sign(&mut request, Shape::None, &[]).unwrap();
    // newman 6.2.2's header for the same request (collections/signing, "Get resource").
    assert_eq!(
        request.headers()["authorization"],
        "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", \
         ext=\"some-app-ext-data\", mac=\"G6t2h0IzyRMOSTm5p0akbMI8fyCqDsa8+6cyeKh3lvw=\""
    );
    assert!(!Auth::bearer("t").resolve(&Vars).unwrap().signs());
}

#[test]
fn debug_shows_no_values() {
    let text = format!("{:?}", Auth::bearer("secret-token"));
    assert!(!text.contains("secret"), "{text}");
    assert!(text.contains("bearer"), "{text}");
}
