//! Entry point of the console (wasm32; built by Trunk). Natively it only
//! says how to build it.

#[cfg(target_arch = "wasm32")]
fn main() {
    crdb_cloud_console::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the console runs in a browser: build it with scripts/build-console.sh");
}
