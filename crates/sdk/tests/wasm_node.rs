//! wasm32 in Node: the fetch transport against the local fixture.
#![cfg(target_arch = "wasm32")]

mod wasm;
