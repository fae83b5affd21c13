//! The `Variables` struct: one field per `{{variable}}`, defaults from the collection.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use crate::model::Api;
use crate::name::Names;

pub fn variables(api: &Api, names: &Names) -> TokenStream {
    let fields = api
        .variables
        .iter()
        .zip(&names.variables)
        .map(|(variable, ident)| {
            let ident = format_ident!("{}", ident);
            let mut lines = vec![format!(
                "{}.",
                docs::code(&format!("{{{{{}}}}}", variable.name))
            )];
            docs::push_paragraph(&mut lines, docs::description(variable.description.as_ref()));
            let attrs = docs::attrs(&lines);
            quote! { #attrs pub #ident: String, }
        });
    let defaults = api
        .variables
        .iter()
        .zip(&names.variables)
        .map(|(variable, ident)| {
            let ident = format_ident!("{}", ident);
            match variable
                .default
                .as_deref()
                .filter(|value| !value.is_empty())
            {
                Some(value) => quote! { #ident: #value.to_owned(), },
                None => quote! { #ident: String::new(), },
            }
        });
    let setters = api
        .variables
        .iter()
        .zip(&names.variables)
        .map(|(variable, ident)| {
            let ident = format_ident!("{}", ident);
            let name = &variable.name;
            quote! { #name => self.#ident = value.into(), }
        });
    let lookups = api
        .variables
        .iter()
        .zip(&names.variables)
        .map(|(variable, ident)| {
            let ident = format_ident!("{}", ident);
            let name = &variable.name;
            quote! { #name => Some(&self.#ident), }
        });
    let mut lines = vec![
        "Values of the collection's `{{variables}}`, resolved wherever the collection uses them."
            .to_owned(),
    ];
    docs::push_paragraph(
        &mut lines,
        ["`Default` gives the collection's own values (empty where it has none).".to_owned()],
    );
    let attrs = docs::attrs(&lines);
    let (lookup_body, set_body) = if api.variables.is_empty() {
        (
            quote! { let _ = name; None },
            quote! { let _ = (name, value.into()); false },
        )
    } else {
        (
            quote! { match name { #(#lookups)* _ => None } },
            quote! { match name { #(#setters)* _ => return false } true },
        )
    };
    let has_defaults = api
        .variables
        .iter()
        .any(|v| v.default.as_deref().is_some_and(|d| !d.is_empty()));
    let default_impl = has_defaults.then(|| {
        quote! {
            impl Default for Variables {
                fn default() -> Self {
                    Variables { #(#defaults)* }
                }
            }
        }
    });
    let derive_default = (!has_defaults).then(|| quote! { Default, });
    let names = api.variables.iter().map(|variable| &variable.name);
    quote! {
        #attrs
        #[derive(Clone, #derive_default PartialEq, Eq)]
        pub struct Variables { #(#fields)* }

        /// Shows every value but those whose names say they are secrets.
        impl ::std::fmt::Debug for Variables {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                rt::debug_variables(self, "Variables", f)
            }
        }

        #default_impl

        impl Variables {
            /// The value of the variable written `{{name}}` in the collection.
            pub fn lookup(&self, name: &str) -> Option<&str> {
                #lookup_body
            }

            /// Sets the variable written `{{name}}` in the collection; returns whether the
            /// collection uses such a variable. `rt::load_environment` and `rt::load_env_vars`
            /// set them from a Postman environment file or the process's environment.
            pub fn set(&mut self, name: &str, value: impl Into<String>) -> bool {
                #set_body
            }
        }

        impl rt::Variables for Variables {
            fn lookup(&self, name: &str) -> Option<&str> {
                self.lookup(name)
            }

            fn set(&mut self, name: &str, value: String) -> bool {
                self.set(name, value)
            }

            fn names(&self) -> &'static [&'static str] {
                &[#(#names),*]
            }
        }

        /// Sends this collection's requests: see [`rt::Client`].
        pub type Client = rt::Client<Variables>;
    }
}
