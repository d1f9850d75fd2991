//! Sets `cfg(sdk_family_b)` when the SDK has the family B operations (audit
//! logs, billing, roles, service accounts, API keys, folders), so this crate
//! builds both before and after they reach it: their table lines in
//! `src/ops.rs` and query types in `src/types_b.rs` switch on by themselves.
//! Once every branch has them, drop this file and the `cfg`s.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(sdk_family_b)");
    let api = std::path::Path::new("../sdk/src/api");
    println!("cargo::rerun-if-changed=../sdk/src/api");
    let all = [
        "audit_logs",
        "billing",
        "roles",
        "service_accounts",
        "api_keys",
        "folders",
    ];
    if all.iter().all(|m| api.join(format!("{m}.rs")).exists()) {
        println!("cargo::rustc-cfg=sdk_family_b");
    }
}
