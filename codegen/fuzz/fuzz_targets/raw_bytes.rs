//! Arbitrary bytes as the collection file, through the whole pipeline.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    codegen_fuzz::generate(bytes, false);
});
