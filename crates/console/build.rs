//! Keeps the linker's relocations in the console's wasm binary: the build
//! splits it at its `wasm_split` points (wasm-split reads them) before
//! wasm-bindgen.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
