// A nested JSON body: every field may be left out, and one set to null is sent as null.
#![deny(warnings)]
#![allow(dead_code)]

mod client {
    include!("../../../collections/nested-request-body.postman_collection.rs");
}

use client::{
    CreateAnOrder, CreateAnOrderBody, CreateAnOrderBodyCustomer, CreateAnOrderBodyCustomerAddress,
    CreateAnOrderBodyItem,
};

fn main() {
    let mut request = CreateAnOrder::new();
    request.body = CreateAnOrderBody {
        customer: Some(CreateAnOrderBodyCustomer {
            id: Some(7),
            address: Some(CreateAnOrderBodyCustomerAddress {
                line1: Some("2 High St".into()),
                line2: Some(None),
                ..Default::default()
            }),
            ..Default::default()
        }),
        items: Some(vec![CreateAnOrderBodyItem {
            sku: Some("C-3".into()),
            quantity: Some(1),
            price: Some(3.25),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let body = serde_json::to_value(&request.body).ok();
    assert_eq!(
        body,
        Some(serde_json::json!({
            "customer": {"id": 7, "address": {"line1": "2 High St", "line2": null}},
            "items": [{"sku": "C-3", "quantity": 1, "price": 3.25}]
        }))
    );
}
