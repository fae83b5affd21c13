//! Postman-shaped collections built from hostile fragments, through the whole pipeline.
#![no_main]

use codegen_fuzz::hostile::Hostile;

libfuzzer_sys::fuzz_target!(|input: Hostile| {
    codegen_fuzz::generate(input.json.as_bytes(), input.standalone);
});
