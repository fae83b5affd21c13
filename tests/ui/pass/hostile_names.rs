// Names and shapes chosen to break generated code still compile with warnings denied: prelude
// names, numbered keywords, digits, many path parameters, deep bodies, bidi characters.
#![deny(warnings)]
#![allow(dead_code)]

mod client {
    include!("../../../collections/hostile-names.postman_collection.rs");
}

fn main() {
    let client = client::Client::new(client::Variables::default());
    let many: Vec<String> = (0..28).map(|i| format!("v{i}")).collect();
    let request = client::ManyPathParameters::new(
        &many[0], &many[1], &many[2], &many[3], &many[4], &many[5], &many[6], &many[7], &many[8],
        &many[9], &many[10], &many[11], &many[12], &many[13], &many[14], &many[15], &many[16],
        &many[17], &many[18], &many[19], &many[20], &many[21], &many[22], &many[23], &many[24],
        &many[25], &many[26], &many[27],
    );
    let built = client.build(&request).map(|built| built.uri().path().to_owned());
    assert_eq!(built.ok().as_deref(), Some(format!("/many/{}", many.join("/")).as_str()));
    let sized = client::Sized::new();
    assert!(client.build(&sized).is_ok());
    let _ = client::_1::new(".", "..");
}
