//! Writes TypeScript declarations for the SDK's wire models, read from their
//! Rust source: every `Serialize`/`Deserialize` struct becomes an interface
//! with the wire's field names (serde `rename`s applied), every
//! `wire_enum!` a string union.
//!
//! Usage: `crdb-cloud-typegen OUT.d.ts [--inputs=Type,...] SOURCE.rs|DIR...`
//!
//! `--inputs` names the request types (bodies, queries): in them and every
//! type they reach, a field with a serde `default` is optional, since the
//! caller may leave it out. Elsewhere only `Option` fields are optional.
//!
//! Mapping: `String` and `Timestamp` → `string`; `i64` → `string` (the
//! API's int64 travel as decimal strings); other integers and floats →
//! `number`; `bool` → `boolean`; `Duration` → `string` (protobuf duration,
//! e.g. `"21600s"`); `Option<T>` → optional `T`; `Vec<T>` → `T[]`; maps →
//! `Record<string, T>`; `serde_json::Value` → `unknown`; a flattened map →
//! an index signature. A type name the generator does not know is an error,
//! so a model it cannot express fails the build instead of becoming `any`.

use quote::ToTokens;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use syn::{Attribute, Fields, GenericArgument, Item, PathArguments, Type};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: crdb-cloud-typegen OUT.d.ts [--inputs=Type,Type] SOURCE.rs|DIR...");
        std::process::exit(2);
    }
    if let Err(e) = run(&args) {
        eprintln!("crdb-cloud-typegen: {e}");
        std::process::exit(1);
    }
}

/// Reads the sources the arguments name and writes the declarations.
fn run(args: &[String]) -> Result<(), String> {
    let mut files = Vec::new();
    let mut inputs = Vec::new();
    for a in &args[1..] {
        if let Some(list) = a.strip_prefix("--inputs=") {
            inputs.extend(list.split(',').filter(|s| !s.is_empty()).map(str::to_owned));
        } else {
            collect(Path::new(a), &mut files)?;
        }
    }
    files.sort();
    let text = generate_with_inputs(&files, &inputs)?;
    std::fs::write(&args[0], text).map_err(|e| format!("{}: {e}", args[0]))
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let bad = |e: std::io::Error| format!("{}: {e}", path.display());
    if path.is_dir() {
        let mut entries = std::fs::read_dir(path)
            .map_err(bad)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(bad)?;
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
    Ok(())
}

/// A named field's identifier (`Fields::Named` fields always have one).
fn field_name(f: &syn::Field) -> String {
    f.ident
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// One declaration, before references are checked.
struct Decl {
    name: String,
    text: String,
    /// The text when the type is (part of) a request: fields with a serde
    /// `default` may then be left out.
    input_text: Option<String>,
    refs: BTreeSet<String>,
}

/// Generates the declarations of every model in `files`.
pub fn generate(files: &[PathBuf]) -> Result<String, String> {
    generate_with_inputs(files, &[])
}

/// Like [`generate`]; the types reachable from `inputs` (request bodies and
/// queries) make their serde-`default` fields optional.
pub fn generate_with_inputs(files: &[PathBuf], inputs: &[String]) -> Result<String, String> {
    let mut decls = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let file = syn::parse_file(&src).map_err(|e| format!("{}: {e}", f.display()))?;
        let module = f
            .file_stem()
            .ok_or_else(|| format!("{}: not a file name", f.display()))?
            .to_string_lossy()
            .into_owned();
        for item in &file.items {
            match item {
                Item::Struct(s) if derives_serde(&s.attrs) => {
                    decls.push(interface(s, &module).map_err(|e| format!("{}: {e}", f.display()))?)
                }
                Item::Enum(e) if derives_serde(&e.attrs) => {
                    decls.push(untagged(e).map_err(|e| format!("{}: {e}", f.display()))?)
                }
                Item::Macro(m)
                    if m.mac
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "wire_enum") =>
                {
                    decls.push(
                        wire_enum(&m.mac.tokens).map_err(|e| format!("{}: {e}", f.display()))?,
                    )
                }
                _ => {}
            }
        }
    }
    let known: BTreeSet<&str> = decls.iter().map(|d| d.name.as_str()).collect();
    let mut input: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = inputs.to_vec();
    while let Some(n) = todo.pop() {
        if !input.insert(n.clone()) {
            continue;
        }
        let d = decls
            .iter()
            .find(|d| d.name == n)
            .ok_or_else(|| format!("input type {n} is not declared"))?;
        todo.extend(d.refs.iter().cloned());
    }
    let mut out = String::from(
        "// Generated by crdb-cloud-typegen from crates/sdk/src/models (the SDK's wire\n\
         // models). Do not edit: run `npm run build` in web/sdk.\n\n",
    );
    for d in &decls {
        if let Some(missing) = d.refs.iter().find(|r| !known.contains(r.as_str())) {
            return Err(format!(
                "{} refers to {missing}, which no model declares",
                d.name
            ));
        }
        match (&d.input_text, input.contains(&d.name)) {
            (Some(t), true) => out.push_str(t),
            _ => out.push_str(&d.text),
        }
        out.push('\n');
    }
    Ok(out)
}

fn derives_serde(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("derive") && {
            let t = a.to_token_stream().to_string();
            t.contains("Serialize") || t.contains("Deserialize")
        }
    })
}

/// The doc comment lines of an item.
fn docs(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn jsdoc(lines: &[String], indent: &str, extra: &[String]) -> String {
    let all: Vec<&String> = lines
        .iter()
        .chain(extra)
        .filter(|l| !l.is_empty())
        .collect();
    if all.is_empty() {
        return String::new();
    }
    let mut s = format!("{indent}/**\n");
    for l in all {
        let _ = writeln!(s, "{indent} * {}", l.replace("*/", "*\\/"));
    }
    let _ = writeln!(s, "{indent} */");
    s
}

/// The spec's schema name, when the doc comment starts with it in backticks.
fn spec_name(lines: &[String]) -> Option<String> {
    let first = lines.first()?;
    let rest = first.strip_prefix('`')?;
    let name = &rest[..rest.find('`')?];
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        .then(|| name.to_owned())
}

/// The serde attribute settings of a field that change its wire form.
#[derive(Default)]
struct SerdeField {
    default: bool,
    rename: Option<String>,
    flatten: bool,
    skip: bool,
}

fn serde_field(attrs: &[Attribute]) -> Result<SerdeField, String> {
    let mut out = SerdeField::default();
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") {
                let s: syn::LitStr = m.value()?.parse()?;
                out.rename = Some(s.value());
            } else if m.path.is_ident("default") {
                out.default = true;
                if m.input.peek(syn::Token![=]) {
                    let _: syn::Expr = m.value()?.parse()?;
                }
            } else if m.path.is_ident("flatten") {
                out.flatten = true;
            } else if m.path.is_ident("skip") || m.path.is_ident("skip_serializing") {
                out.skip = true;
            } else if m.input.peek(syn::Token![=]) {
                let _: syn::Expr = m.value()?.parse()?;
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// The struct-level `rename_all`, if any, and whether it has `default`.
fn container(attrs: &[Attribute]) -> Result<(Option<String>, bool), String> {
    let mut out = None;
    let mut default = false;
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        a.parse_nested_meta(|m| {
            if m.path.is_ident("default") {
                default = true;
            } else if m.path.is_ident("rename_all") {
                let s: syn::LitStr = m.value()?.parse()?;
                out = Some(s.value());
            } else if m.input.peek(syn::Token![=]) {
                let _: syn::Expr = m.value()?.parse()?;
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    }
    match out.as_deref() {
        None | Some("camelCase") => Ok((out, default)),
        Some(other) => Err(format!("rename_all = {other:?} is not supported")),
    }
}

fn camel(ident: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in ident.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `#[serde(untagged)] enum E { A(T), B(U) }` → `type E = T | U`.
fn untagged(e: &syn::ItemEnum) -> Result<Decl, String> {
    let name = e.ident.to_string();
    let is_untagged = e.attrs.iter().any(|a| {
        a.path().is_ident("serde") && a.to_token_stream().to_string().contains("untagged")
    });
    if !is_untagged {
        return Err(format!(
            "enum {name}: only untagged enums and wire_enum! are supported"
        ));
    }
    let mut refs = BTreeSet::new();
    let mut arms = String::new();
    for v in &e.variants {
        let Fields::Unnamed(f) = &v.fields else {
            return Err(format!("enum {name}: variants must hold one value"));
        };
        let ty = &f.unnamed.first().ok_or("empty variant")?.ty;
        let (t, _) = ts_type(ty, &mut refs)?;
        let d = docs(&v.attrs);
        let _ = write!(arms, "\n{}  | {t}", jsdoc(&d, "  ", &[]));
    }
    let text = format!(
        "{}export type {name} ={arms};\n",
        jsdoc(&docs(&e.attrs), "", &[])
    );
    Ok(Decl {
        name,
        text,
        input_text: None,
        refs,
    })
}

fn interface(s: &syn::ItemStruct, module: &str) -> Result<Decl, String> {
    let name = s.ident.to_string();
    let (rename_all, all_default) = container(&s.attrs)?;
    let camel_case = rename_all.is_some();
    let mut input_body = String::new();
    let doc = docs(&s.attrs);
    let mut tags = vec![format!("@module {module}")];
    if let Some(spec) = spec_name(&doc) {
        tags.push(format!("@spec {spec}"));
    }
    let mut refs = BTreeSet::new();
    let mut body = String::new();
    if let Fields::Named(fields) = &s.fields {
        for f in &fields.named {
            let sf = serde_field(&f.attrs)?;
            if sf.skip {
                continue;
            }
            let (ty, optional) =
                ts_type(&f.ty, &mut refs).map_err(|e| format!("{name}.{}: {e}", field_name(f)))?;
            let doc = jsdoc(&docs(&f.attrs), "  ", &[]);
            body.push_str(&doc);
            input_body.push_str(&doc);
            if sf.flatten {
                let _ = writeln!(body, "  [field: string]: unknown;");
                let _ = writeln!(input_body, "  [field: string]: unknown;");
                continue;
            }
            let ident = field_name(f);
            let plain = ident.trim_start_matches("r#");
            let wire = sf.rename.unwrap_or_else(|| {
                if camel_case {
                    camel(plain)
                } else {
                    plain.to_owned()
                }
            });
            let key = if wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                wire
            } else {
                format!("{wire:?}")
            };
            let optional = optional || all_default;
            let _ = writeln!(body, "  {key}{}: {ty};", if optional { "?" } else { "" });
            // A request field the caller may leave out may also be given as
            // `undefined` (JSON.stringify drops it), which
            // `exactOptionalPropertyTypes` allows only when written out.
            if optional || sf.default {
                let _ = writeln!(input_body, "  {key}?: {ty} | undefined;");
            } else {
                let _ = writeln!(input_body, "  {key}: {ty};");
            }
        }
    }
    let render = |body: &str| {
        if body.is_empty() {
            format!(
                "{}export type {name} = Record<string, never>;\n",
                jsdoc(&doc, "", &tags)
            )
        } else {
            format!(
                "{}export interface {name} {{\n{body}}}\n",
                jsdoc(&doc, "", &tags)
            )
        }
    };
    let text = render(&body);
    let input_text = (input_body != body).then(|| render(&input_body));
    Ok(Decl {
        name,
        text,
        input_text,
        refs,
    })
}

/// The TypeScript type of a Rust field type, and whether it is optional.
fn ts_type(ty: &Type, refs: &mut BTreeSet<String>) -> Result<(String, bool), String> {
    let Type::Path(p) = ty else {
        return Err(format!("unsupported type {}", ty.to_token_stream()));
    };
    let seg = p.path.segments.last().ok_or("empty type path")?;
    let args: Vec<&Type> = match &seg.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    let inner = |i: usize, refs: &mut BTreeSet<String>| -> Result<String, String> {
        let t = args.get(i).ok_or("missing type argument")?;
        Ok(ts_type(t, refs)?.0)
    };
    let id = seg.ident.to_string();
    let t = match id.as_str() {
        "Option" => return Ok((inner(0, refs)?, true)),
        "Box" => return ts_type(args.first().ok_or("Box without type")?, refs),
        "String" | "str" | "Timestamp" | "DateTime" | "Duration" | "i64" | "u64" => "string".into(),
        "i8" | "i16" | "i32" | "u8" | "u16" | "u32" | "f32" | "f64" | "usize" | "isize" => {
            "number".into()
        }
        "bool" => "boolean".into(),
        "Value" => "unknown".into(),
        "Vec" => {
            let t = inner(0, refs)?;
            if t.contains(' ') {
                format!("({t})[]")
            } else {
                format!("{t}[]")
            }
        }
        "BTreeMap" | "HashMap" | "Map" => format!("Record<string, {}>", inner(1, refs)?),
        _ if args.is_empty() => {
            refs.insert(id.clone());
            id
        }
        _ => return Err(format!("unsupported generic type {}", ty.to_token_stream())),
    };
    Ok((t, false))
}

/// `wire_enum! { /// doc  pub enum Name { Variant = "WIRE", ... } }`.
fn wire_enum(tokens: &proc_macro2::TokenStream) -> Result<Decl, String> {
    let item: syn::ItemEnum =
        syn::parse2(strip_discriminants(tokens.clone())).map_err(|e| format!("wire_enum!: {e}"))?;
    let name = item.ident.to_string();
    let wires = string_literals(tokens);
    if wires.len() != item.variants.len() {
        return Err(format!(
            "wire_enum! {name}: every variant needs a wire string"
        ));
    }
    let mut variants = String::new();
    for (v, wire) in item.variants.iter().zip(&wires) {
        let d = docs(&v.attrs);
        let _ = write!(
            variants,
            "\n{}  | {wire:?}",
            jsdoc(&d, "  ", &[]).trim_end_matches('\n').to_owned()
                + if d.is_empty() { "" } else { "\n" }
        );
    }
    let doc = docs(&item.attrs);
    let mut tags = Vec::new();
    if let Some(spec) = spec_name(&doc) {
        tags.push(format!("@spec {spec}"));
    }
    let text = format!(
        "{}export type {name} ={variants};\n",
        jsdoc(&doc, "", &tags)
    );
    Ok(Decl {
        name,
        text,
        input_text: None,
        refs: BTreeSet::new(),
    })
}

/// `Variant = "WIRE"` is not Rust enum syntax; drop the `= "WIRE"` parts.
fn strip_discriminants(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, TokenTree};
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(t) = iter.next() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '=' => {
                iter.next(); // the literal
            }
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                let mut ng = Group::new(g.delimiter(), strip_discriminants(g.stream()));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// The string literals that follow `=` in the enum body, in order.
fn string_literals(tokens: &proc_macro2::TokenStream) -> Vec<String> {
    use proc_macro2::TokenTree;
    let mut out = Vec::new();
    let mut prev_eq = false;
    for t in tokens.clone() {
        match t {
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                out.extend(string_literals(&g.stream()));
            }
            TokenTree::Punct(p) if p.as_char() == '=' => {
                prev_eq = true;
                continue;
            }
            TokenTree::Literal(l) if prev_eq => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                    out.push(s.value());
                }
            }
            _ => {}
        }
        prev_eq = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generate_from(src: &str) -> Result<String, String> {
        let dir = std::env::temp_dir().join(format!("typegen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join(format!("m{}.rs", src.len()));
        std::fs::write(&f, src).unwrap();
        generate(&[f])
    }

    #[test]
    fn structs_become_interfaces_with_wire_names() {
        let out = generate_from(r#"
            /// `Thing`: a thing.
            #[derive(Serialize, Deserialize)]
            pub struct Thing {
                #[serde(rename = "type", default)]
                pub kind: Option<Colour>,
                #[serde(default, with = "crate::wire::int64::option", skip_serializing_if = "Option::is_none")]
                pub count: Option<i64>,
                pub size: i32,
                pub labels: BTreeMap<String, String>,
                pub at: Vec<Timestamp>,
                #[serde(rename = "@type")]
                pub url: String,
            }
            crate::wire_enum! {
                /// `Colour`.
                pub enum Colour { Red = "RED", /// Green.
                Green = "GREEN" }
            }
        "#)
        .unwrap();
        assert!(out.contains("export interface Thing {"), "{out}");
        assert!(out.contains("@spec Thing"), "{out}");
        assert!(out.contains("  type?: Colour;"), "{out}");
        assert!(out.contains("  count?: string;"), "{out}");
        assert!(out.contains("  size: number;"), "{out}");
        assert!(out.contains("  labels: Record<string, string>;"), "{out}");
        assert!(out.contains("  at: string[];"), "{out}");
        assert!(out.contains("  \"@type\": string;"), "{out}");
        assert!(out.contains("@spec Colour"), "{out}");
        assert!(out.contains(" * Green.\n"), "{out}");
        assert!(out.contains("  | \"RED\""), "{out}");
        assert!(out.contains("| \"GREEN\";"), "{out}");
    }

    #[test]
    fn camel_case_structs_and_untagged_enums() {
        let out = generate_from(
            r#"
            #[derive(Deserialize)]
            #[serde(default, rename_all = "camelCase")]
            pub struct Opts { pub api_key: Option<String>, pub retries: Option<Retries> }
            #[derive(Deserialize)]
            #[serde(untagged)]
            pub enum Retries { Count(u32), Policy(Opts) }
        "#,
        )
        .unwrap();
        assert!(out.contains("  apiKey?: string;"), "{out}");
        assert!(
            out.contains("export type Retries =\n  | number\n  | Opts;"),
            "{out}"
        );
    }

    #[test]
    fn defaults_are_optional_in_request_types_only() {
        let dir = std::env::temp_dir().join(format!("typegen-in-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("m.rs");
        std::fs::write(
            &f,
            r#"
            #[derive(Deserialize)]
            pub struct Body { #[serde(default)] pub inner: Inner, pub name: String }
            #[derive(Deserialize)]
            pub struct Inner { #[serde(default)] pub n: i32 }
            #[derive(Deserialize)]
            pub struct Answer { #[serde(default)] pub n: i32 }
            #[derive(Deserialize)]
            #[serde(default)]
            pub struct Query { pub q: String }
        "#,
        )
        .unwrap();
        let out = generate_with_inputs(&[f], &["Body".into()]).unwrap();
        assert!(
            out.contains(
                "export interface Body {\n  inner?: Inner | undefined;\n  name: string;\n}"
            ),
            "{out}"
        );
        assert!(
            out.contains("export interface Inner {\n  n?: number | undefined;\n}"),
            "{out}"
        );
        assert!(
            out.contains("export interface Answer {\n  n: number;\n}"),
            "{out}"
        );
        assert!(
            out.contains("export interface Query {\n  q?: string;\n}"),
            "{out}"
        );
    }

    #[test]
    fn unknown_references_are_an_error() {
        let err = generate_from(
            r#"
            #[derive(Serialize)]
            pub struct A { pub b: Missing }
        "#,
        )
        .unwrap_err();
        assert!(err.contains("Missing"), "{err}");
    }
}
