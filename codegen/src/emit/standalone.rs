//! Standalone mode: the runtime crate's own source as a module of the generated file, for
//! people who vendor one file and want no dependency but reqwest, serde, serde_json, http,
//! percent-encoding, base64 and the hash crates signing uses.
//!
//! The source exists once, in `codegen/runtime/src`; this module reads it at compile time and
//! rewrites it only in form: each `mod name;` becomes `mod name { ... }` with that file's
//! items, unit tests and items of optional features (`blocking`) are left out, and the crate's
//! own docs (whose example names the crate) give way to a line saying where the module comes
//! from. The runtime refers to its own items
//! with `super::` paths only, so it works unchanged as a module.

use proc_macro2::TokenStream;
use quote::quote;

use crate::Error;

/// The runtime's source files: the crate root first, then each module by name.
const FILES: &[(&str, &str)] = &[
    ("lib", include_str!("../../runtime/src/lib.rs")),
    ("auth", include_str!("../../runtime/src/auth.rs")),
    ("body", include_str!("../../runtime/src/body.rs")),
    ("client", include_str!("../../runtime/src/client.rs")),
    (
        "client/send",
        include_str!("../../runtime/src/client/send.rs"),
    ),
    ("dynamic", include_str!("../../runtime/src/dynamic.rs")),
    ("encode", include_str!("../../runtime/src/encode.rs")),
    (
        "environment",
        include_str!("../../runtime/src/environment.rs"),
    ),
    ("error", include_str!("../../runtime/src/error.rs")),
    ("oauth2", include_str!("../../runtime/src/oauth2.rs")),
    ("params", include_str!("../../runtime/src/params.rs")),
    ("request", include_str!("../../runtime/src/request.rs")),
    ("response", include_str!("../../runtime/src/response.rs")),
    ("retry", include_str!("../../runtime/src/retry.rs")),
    ("sign", include_str!("../../runtime/src/sign/mod.rs")),
    (
        "sign/apply",
        include_str!("../../runtime/src/sign/apply.rs"),
    ),
    ("sign/aws", include_str!("../../runtime/src/sign/aws.rs")),
    (
        "sign/digest",
        include_str!("../../runtime/src/sign/digest.rs"),
    ),
    ("sign/hawk", include_str!("../../runtime/src/sign/hawk.rs")),
    (
        "sign/oauth1",
        include_str!("../../runtime/src/sign/oauth1.rs"),
    ),
    ("template", include_str!("../../runtime/src/template.rs")),
    ("token", include_str!("../../runtime/src/token.rs")),
    ("trace", include_str!("../../runtime/src/trace.rs")),
    ("values", include_str!("../../runtime/src/values.rs")),
    ("words", include_str!("../../runtime/src/words.rs")),
];

/// The crate of `#[derive(Request)]`, which the runtime re-exports.
const DERIVE_CRATE: &str = "codegen_runtime_derive";

/// How deep the runtime's modules nest (`sign/oauth1` is 2).
const MAX_DEPTH: usize = 2;

/// `pub mod runtime { ... }`: the runtime crate as a module.
pub fn module() -> Result<TokenStream, Error> {
    let items = inline(parse("lib")?.items, "", 1)?;
    Ok(quote! {
        /// The runtime of codegen's clients (the crate `codegen-runtime`), copied into this file
        /// by `codegen generate --standalone`.
        pub mod runtime {
            #(#items)*
        }
    })
}

/// `items` with each `mod name;` replaced by the module's file (`{prefix}name`), recursively,
/// and what the standalone file leaves out removed.
fn inline(items: Vec<syn::Item>, prefix: &str, depth: usize) -> Result<Vec<syn::Item>, Error> {
    let mut inlined = Vec::with_capacity(items.len());
    for item in items {
        match item {
            item if is_left_out(&item) => {}
            syn::Item::Mod(mut module) if module.content.is_none() => {
                if depth > MAX_DEPTH {
                    return Err(Error::Render(format!(
                        "runtime module {prefix}{} nests too deep",
                        module.ident
                    )));
                }
                let name = format!("{prefix}{}", module.ident);
                let file = parse(&name)?;
                let inner = inline(file.items, &format!("{name}/"), depth + 1)?;
                module.attrs.extend(file.attrs);
                module.content = Some((syn::token::Brace::default(), inner));
                module.semi = None;
                inlined.push(syn::Item::Mod(module));
            }
            mut item => {
                without_feature_absent(&mut item);
                inlined.push(item);
            }
        }
    }
    Ok(inlined)
}

fn parse(name: &str) -> Result<syn::File, Error> {
    let source = FILES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, source)| *source)
        .ok_or_else(|| Error::Render(format!("the runtime has no module {name}")))?;
    syn::parse_file(source).map_err(|err| Error::Render(format!("runtime module {name}: {err}")))
}

/// Whether an item is left out of the standalone module: compiled only for the runtime's own
/// tests (`#[cfg(test)]`), or under a condition on optional features (`#[cfg(feature =
/// "...")]`, `#[cfg(all(feature = "...", ...))]`), which the crate the file lands in does not
/// have; but an item for when a feature is off (`#[cfg(not(feature = "..."))]`) is kept. The
/// re-export of `#[derive(Request)]` goes too: a proc macro cannot be copied, and the
/// standalone file carries the derive's expansion instead.
fn is_left_out(item: &syn::Item) -> bool {
    if let syn::Item::Use(item) = item
        && let syn::UseTree::Path(path) = &item.tree
        && path.ident == DERIVE_CRATE
    {
        return true;
    }
    attrs(item).is_some_and(|attrs| {
        attrs.iter().any(|attr| {
            cfg_condition(attr).is_some_and(|condition| {
                condition == "test"
                    || (condition.contains("feature") && !is_feature_absent(&condition))
            })
        })
    })
}

/// Drops the `#[cfg(not(feature = "..."))]` of an item that is kept: in the crate the file
/// lands in, the feature is always off, and a feature the crate does not declare would be
/// an `unexpected_cfgs` warning.
fn without_feature_absent(item: &mut syn::Item) {
    if let Some(attrs) = attrs_mut(item) {
        attrs.retain(|attr| !cfg_condition(attr).is_some_and(|c| is_feature_absent(&c)));
    }
}

/// The condition of a `#[cfg(...)]` attribute, as tokens printed.
fn cfg_condition(attr: &syn::Attribute) -> Option<String> {
    if !attr.path().is_ident("cfg") {
        return None;
    }
    attr.meta
        .require_list()
        .ok()
        .map(|list| list.tokens.to_string())
}

/// `not (feature = "name")`, as tokens print it.
fn is_feature_absent(condition: &str) -> bool {
    condition
        .strip_prefix("not (feature = \"")
        .is_some_and(|rest| rest.ends_with("\")") && !rest.contains(['(', ',']))
}

fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(item) => &mut item.attrs,
        syn::Item::Enum(item) => &mut item.attrs,
        syn::Item::Fn(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Mod(item) => &mut item.attrs,
        syn::Item::Static(item) => &mut item.attrs,
        syn::Item::Struct(item) => &mut item.attrs,
        syn::Item::Trait(item) => &mut item.attrs,
        syn::Item::Type(item) => &mut item.attrs,
        syn::Item::Use(item) => &mut item.attrs,
        _ => return None,
    })
}

fn attrs(item: &syn::Item) -> Option<&Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::Type(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_module_of_the_runtime_is_inlined_without_its_tests() {
        let module = module()
            .map(|tokens| tokens.to_string())
            .unwrap_or_default();
        for (path, _) in FILES.iter().skip(1) {
            let name = path.rsplit('/').next().unwrap_or_default();
            assert!(
                module.contains(&format!("mod {name} {{")),
                "{name} is inlined"
            );
        }
        assert!(!module.contains("mod tests"));
        assert!(
            !module.contains("cfg (feature"),
            "optional features are left out"
        );
        assert!(!module.contains("type BlockingClient"));
        assert!(
            !module.contains("tracing ::"),
            "the tracing feature is left out"
        );
        assert!(!module.contains("fake ::"), "the fake feature is left out");
        assert!(
            !module.contains("cfg (not"),
            "no condition on a feature stays"
        );
        assert!(
            !module.contains("cfg (all"),
            "no condition on a feature stays"
        );
        assert!(
            module.contains("pub (crate) struct Trace ;"),
            "the items for when a feature is off are kept"
        );
        assert!(!module.contains("# Example"), "the crate docs are left out");
        assert!(
            !module.contains(DERIVE_CRATE),
            "the derive's re-export is left out"
        );
    }

    #[test]
    fn the_list_of_files_is_every_module_the_runtime_declares() {
        let root = parse("lib").map(|file| file.items).unwrap_or_default();
        let declared: Vec<String> = root
            .iter()
            .filter_map(|item| match item {
                syn::Item::Mod(module) if module.content.is_none() => {
                    Some(module.ident.to_string())
                }
                _ => None,
            })
            .collect();
        let listed: Vec<String> = FILES
            .iter()
            .skip(1)
            .map(|(name, _)| (*name).to_owned())
            .filter(|name| !name.contains('/'))
            .collect();
        assert_eq!(declared, listed);
    }
}
