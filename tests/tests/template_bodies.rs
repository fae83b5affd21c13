//! JSON bodies written with `{{variables}}` (`collections/template-bodies.postman_collection.json`)
//! against a real HTTP server on 127.0.0.1: the collection's request sends its text with the
//! variables resolved, and a typed body set by the caller replaces it.
#![allow(clippy::panic)]

#[allow(dead_code)]
mod shop {
    include!("../../collections/template-bodies.postman_collection.rs");
}

use serde_json::json;
use shop::{
    Client, CreateAPayment, CreateAPaymentBody, CreateAPaymentBodyLine, TagAnOrder, TagAnOrderBody,
    Variables,
};
use tests::recorder::{Recorded, Recorder};

const CREATED: &[u8] = br#"{"id": "pay_1", "status": "pending"}"#;

async fn send_payment(variables: Variables, request: &CreateAPayment) -> Recorded {
    let server = Recorder::start(|_| (201, "application/json", CREATED.to_vec()));
    let client = Client::new(variables).with_base_url(server.base_url());
    let response = client
        .send(request)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(response.body.id, "pay_1");
    server.recorded().remove(0)
}

#[tokio::test]
async fn the_collections_request_sends_its_text_with_the_variables_resolved() {
    let recorded = send_payment(Variables::default(), &CreateAPayment::new()).await;
    assert_eq!(
        String::from_utf8_lossy(&recorded.body),
        "{\n  \"amount\": \"12.50\",\n  \"currency\": \"EUR\",\n  \"total\": 37.5,\n  \
         \"lines\": [\n    {\"sku\": \"A-1\", \"quantity\": 3}\n  ],\n  \"capture\": true\n}"
    );
    assert_eq!(recorded.header("content-type"), ["application/json"]);

    let variables = Variables {
        order_total: "40".into(),
        currency: "CHF".into(),
        ..Variables::default()
    };
    let recorded = send_payment(variables, &CreateAPayment::new()).await;
    let sent: serde_json::Value =
        serde_json::from_slice(&recorded.body).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(sent["total"], json!(40));
    assert_eq!(sent["currency"], json!("CHF"));
}

#[tokio::test]
async fn a_typed_body_typed_by_the_examples_replaces_the_collections() {
    let request = CreateAPayment {
        body: Some(CreateAPaymentBody {
            amount: Some("5.00".into()),
            // `{{order_total}}` and `{{quantity}}` are typed by the example's 19.98 and 2.
            total: Some(5.0),
            lines: Some(vec![CreateAPaymentBodyLine {
                sku: Some("C-3".into()),
                quantity: Some(1),
            }]),
            ..Default::default()
        }),
        ..CreateAPayment::new()
    };
    let recorded = send_payment(Variables::default(), &request).await;
    assert_eq!(
        String::from_utf8_lossy(&recorded.body),
        r#"{"amount":"5.00","total":5.0,"lines":[{"sku":"C-3","quantity":1}]}"#
    );
}

#[tokio::test]
async fn a_bare_variable_without_examples_is_any_json_value() {
    let server = Recorder::start(|_| (204, "text/plain", Vec::new()));
    let client = Client::new(Variables::default()).with_base_url(server.base_url());
    let typed = TagAnOrder {
        body: Some(TagAnOrderBody {
            tags: Some(vec!["vip".into()]),
            metadata: Some(json!({"source": "rust", "attempt": 2})),
        }),
        ..TagAnOrder::new("ord_9")
    };
    for request in [TagAnOrder::new("ord_1"), typed] {
        client
            .send(&request)
            .await
            .unwrap_or_else(|err| panic!("{err}"));
    }
    let recorded = server.recorded();
    assert_eq!(recorded[0].target, "/orders/ord_1/tags");
    assert_eq!(
        String::from_utf8_lossy(&recorded[0].body),
        r#"{"tags": ["EUR", "gift"], "metadata": {"source": "postman"}}"#
    );
    assert_eq!(recorded[1].target, "/orders/ord_9/tags");
    assert_eq!(
        String::from_utf8_lossy(&recorded[1].body),
        r#"{"tags":["vip"],"metadata":{"source":"rust","attempt":2}}"#
    );
}
