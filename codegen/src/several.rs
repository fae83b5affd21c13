//! Several collections in one output: a module per collection, named after its file, and one
//! runtime they share (the `codegen-runtime` crate, or in standalone mode one copy of its
//! source in the main file, which every module names `super::runtime`).
//!
//! In a folder (`codegen generate A.json B.json -o DIR`) the main file is `DIR/mod.rs`, with
//! `pub mod a;` for `DIR/a.rs`; from `build.rs` it is `$OUT_DIR/NAME.rs`, whose modules
//! `include!` `$OUT_DIR/NAME/a.rs`, since `mod a;` in an included file would be looked for
//! beside the file that includes it.

use std::path::{Path, PathBuf};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::{self, Runtime};
use crate::error::Error;
use crate::name::ident::{self, Scope};
use crate::{Builder, Generated, input, paths, render};

/// Where the modules' files are, seen from the main file.
#[derive(Clone, Copy, Debug)]
pub enum Layout<'a> {
    /// Beside it, declared `pub mod a;` (the main file is `mod.rs`).
    Folder,
    /// In `$OUT_DIR/<name>/`, included by path (the main file is `$OUT_DIR/<name>.rs`).
    OutDir(&'a str),
}

/// The module name of each input: its file name without `.json` and `.postman_collection`,
/// in snake case, numbered when two are the same (and never `runtime`).
pub fn module_names(inputs: &[&Path]) -> Vec<String> {
    let mut scope = Scope::with_reserved(&["runtime"]);
    inputs
        .iter()
        .map(|input| {
            let file = input
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = file.strip_suffix(".json").unwrap_or(&file);
            let stem = stem.strip_suffix(".postman_collection").unwrap_or(stem);
            scope.claim(ident::snake(stem))
        })
        .collect()
}

/// Generates every input of `builder` as a module of one output laid out as `layout` says.
pub fn generate(builder: &Builder, layout: Layout<'_>) -> Result<Generated, Error> {
    let config = builder.config();
    let refuse = |option: &'static str, what: &str| {
        Err(Error::Option {
            option,
            message: format!(
                "{what} applies to one collection; generate the collections one at a time to \
                 use it"
            ),
        })
    };
    if config.source_name.is_some() {
        return refuse("source name", "--source-name");
    }
    if !config.include.is_empty() || !config.exclude.is_empty() {
        return refuse("selection", "--include and --exclude");
    }
    let inputs: Vec<&Path> = std::iter::once(config.input.as_path())
        .chain(config.more_inputs.iter().map(PathBuf::as_path))
        .collect();
    let modules = module_names(&inputs);
    let runtime = if config.standalone {
        Runtime::Copy("super::runtime".to_owned())
    } else {
        builder.runtime()?
    };
    let mut parts = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let document = input::read_file(input)?;
        let source = paths::shown_here(input);
        parts.push(builder.generate_document(
            &document,
            vec![input.to_path_buf()],
            &runtime,
            &source,
        )?);
    }
    let sources: Vec<String> = inputs
        .iter()
        .map(|input| paths::shown_here(input))
        .collect();
    let mut items = TokenStream::new();
    for ((module, source), part) in modules.iter().zip(&sources).zip(&parts) {
        let ident = match module.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(module, Span::call_site()),
        };
        let doc = format!(
            " The client of `{source}` ({}).",
            requests(part.request_count())
        );
        items.extend(match layout {
            Layout::Folder => quote! { #[doc = #doc] pub mod #ident; },
            Layout::OutDir(dir) => {
                let file = format!("/{dir}/{}.rs", ident::unraw(module));
                quote! {
                    #[doc = #doc]
                    pub mod #ident { include!(concat!(env!("OUT_DIR"), #file)); }
                }
            }
        });
    }
    if config.standalone {
        items.extend(emit::standalone::module()?);
    }
    let shown = sources.join(", ");
    let code = render::render(items, &shown, &builder.regenerate(&shown))?;
    let (warnings, read, count) = Generated::merged(&parts);
    let (main, folder) = match layout {
        Layout::Folder => (PathBuf::from("mod.rs"), PathBuf::new()),
        Layout::OutDir(dir) => (PathBuf::from(format!("{dir}.rs")), PathBuf::from(dir)),
    };
    let files = modules
        .iter()
        .zip(&parts)
        .map(|(module, part)| {
            let file = folder.join(format!("{}.rs", ident::unraw(module)));
            (file, part.code().to_owned())
        })
        .collect();
    let generated = Generated::file(code, warnings, read, count).into_folder(main, files);
    Ok(match layout {
        // The folder holds this output alone: a module of a collection no longer given is
        // removed (in `$OUT_DIR` an old file is harmless, and the folder is cargo's).
        Layout::Folder => generated.owning(PathBuf::new()),
        Layout::OutDir(_) => generated,
    })
}

fn requests(count: usize) -> String {
    format!("{count} request{}", if count == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_are_named_after_their_files_and_numbered_when_they_clash() {
        let inputs = [
            "a/users.postman_collection.json",
            "b/users.json",
            "Payments API.json",
            "runtime.json",
            "type.json",
        ];
        let inputs: Vec<&Path> = inputs.iter().map(Path::new).collect();
        assert_eq!(
            module_names(&inputs),
            ["users", "users_2", "payments_api", "runtime_2", "r#type"]
        );
    }
}
