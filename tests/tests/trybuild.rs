//! The generated code as its users compile it: every snapshot builds warning-free (`pass`),
//! and misuse of the generated API fails with a clear error (`compile_fail`).
#![allow(clippy::panic)]

#[test]
fn generated_code_compiles_and_misuse_does_not() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
