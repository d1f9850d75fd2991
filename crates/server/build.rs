//! With the `console` feature, stages the built web console for embedding:
//! `$OUT_DIR/console` gets a copy of the console's `dist/` in which a file
//! with a gzip copy beside it (`NAME.gz`, written by
//! scripts/build-console.sh) is kept only as that gzip copy. The folder is
//! empty when no console has been built, and the server then says so at
//! start; the build never fails for want of one.
//!
//! The console comes from `$CRDB_CLOUD_CONSOLE_DIST` (an absolute path) when set, else from
//! `dist/` at the root of this crate's workspace (only when this crate sits
//! in that workspace: a packaged copy of the crate has no console unless
//! the variable names one).

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CRDB_CLOUD_CONSOLE_DIST");
    if env::var_os("CARGO_FEATURE_CONSOLE").is_none() {
        return;
    }
    let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        panic!("cargo sets OUT_DIR for build scripts");
    };
    let staged = out_dir.join("console");
    if let Err(e) = stage(&staged) {
        panic!("staging the web console into {}: {e}", staged.display());
    }
}

/// Refills `staged` from the console's `dist/`, if there is one.
fn stage(staged: &Path) -> io::Result<()> {
    if staged.exists() {
        fs::remove_dir_all(staged)?;
    }
    fs::create_dir_all(staged)?;
    let Some(dist) = dist_dir()? else {
        return Ok(());
    };
    // A directory is watched as a whole: any file added, changed or removed
    // under it builds the server again.
    println!("cargo::rerun-if-changed={}", dist.display());
    if dist.join("index.html").is_file() {
        copy_tree(&dist, staged)?;
    } else if env::var_os("CRDB_CLOUD_CONSOLE_DIST").is_some_and(|v| !v.is_empty()) {
        println!(
            "cargo::warning=CRDB_CLOUD_CONSOLE_DIST={} has no index.html; no console built in",
            dist.display()
        );
    }
    Ok(())
}

/// The folder to embed: `$CRDB_CLOUD_CONSOLE_DIST`, or the workspace's
/// `dist/` — created empty when missing, so that Cargo has a folder to
/// watch (a missing one would rerun this script on every build).
fn dist_dir() -> io::Result<Option<PathBuf>> {
    if let Some(dir) = env::var_os("CRDB_CLOUD_CONSOLE_DIST").filter(|v| !v.is_empty()) {
        return Ok(Some(PathBuf::from(dir)));
    }
    let Some(manifest) = env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        return Ok(None);
    };
    let root = manifest.join("../..");
    if !root.join("Trunk.toml").is_file() || !root.join("crates/console").is_dir() {
        return Ok(None);
    }
    let dist = root.join("dist");
    fs::create_dir_all(&dist)?;
    Ok(Some(dist))
}

/// Copies `from` into `to`, leaving out hidden entries, symbolic links (as
/// `--console DIR` does not follow them) and each file that has a `.gz`
/// copy.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        // Trunk's staging folder (`.stage`) while a build runs, editor files.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let target = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            println!(
                "cargo::warning=not embedding the symbolic link {}",
                path.display()
            );
        } else if kind.is_dir() {
            fs::create_dir_all(&target)?;
            copy_tree(&path, &target)?;
        } else if !has_gzip_copy(&path) {
            fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

fn has_gzip_copy(path: &Path) -> bool {
    let mut gz = path.as_os_str().to_owned();
    gz.push(".gz");
    Path::new(&gz).is_file()
}
