//! The contracts every crate's tests can run over: each that resolves cleanly, read from the
//! workspace (the contract crate's `ok` fixtures, the db, ui and env rule fixtures, and the
//! example shop).

use std::path::{Path, PathBuf};

/// A contract: its name and its files `(path, text)`.
pub struct Fixture {
    pub name: String,
    pub files: Vec<(String, String)>,
}

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> (String, String) {
    (path.display().to_string(), std::fs::read_to_string(path).unwrap())
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
}

/// Every contract fixture, in a fixed order; the shop is one contract of three files.
pub fn contract_fixtures() -> Vec<Fixture> {
    let root = workspace();
    let mut fixtures = Vec::new();
    for path in sorted_entries(&root.join("crates/lockstep_contract/tests/data/ok")) {
        if path.extension().is_some_and(|e| e == "lockstep") {
            let name = format!("contract/{}", path.file_stem().unwrap().to_string_lossy());
            fixtures.push(Fixture { name, files: vec![read(&path)] });
        }
    }
    for layer in ["db", "ui", "env"] {
        let dir = root.join("crates/lockstep_check/tests/data").join(layer);
        let mut folders: Vec<PathBuf> = sorted_entries(&dir).into_iter().filter(|p| p.is_dir()).collect();
        folders.insert(0, dir);
        for folder in folders {
            let file = folder.join("contract.lockstep");
            if file.exists() {
                let name = format!("check/{}", folder.strip_prefix(&root).unwrap().display());
                fixtures.push(Fixture { name, files: vec![read(&file)] });
            }
        }
    }
    let shop = root.join("examples/shop/contract");
    let files = sorted_entries(&shop)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "lockstep"))
        .map(|p| read(p))
        .collect();
    fixtures.push(Fixture { name: "examples/shop".to_owned(), files });
    fixtures
}
