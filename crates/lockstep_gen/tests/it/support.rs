//! Contracts from the workspace's fixtures, and the Node tools the TypeScript tests run.

use std::path::{Path, PathBuf};
use std::process::Command;

use lockstep_contract::model::Contract;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{Severity, Sources};

/// Resolves the files of one contract; panics on an error, so a fixture tests what it says.
pub fn contract(files: &[(String, String)]) -> Contract {
    let mut sources = Sources::new();
    let ids: Vec<_> = files.iter().map(|(path, text)| sources.add(path.clone(), text.clone())).collect();
    let mut trees = Vec::new();
    let mut errors = Vec::new();
    for id in ids {
        let parsed = parse(id, sources.get(id).text());
        errors.extend(parsed.diagnostics.into_iter().filter(|d| d.severity == Severity::Error));
        trees.push(parsed.tree);
    }
    let resolved = resolve(&sources, &trees);
    errors.extend(resolved.diagnostics.into_iter().filter(|d| d.severity == Severity::Error));
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.is_empty(), "{:?} does not resolve: {messages:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    resolved.contract
}

pub fn contract_of(text: &str) -> Contract {
    contract(&[("test.lockstep".to_owned(), text.to_owned())])
}

pub use lockstep_testkit::fixtures::contract_fixtures as fixtures;
pub use lockstep_testkit::fixtures::workspace;

/// `database.ts` for a contract, with a fixed header.
pub fn database_ts(contract: &Contract) -> String {
    lockstep_gen::database_ts(contract, &lockstep_gen::header("//", "0000"))
}

/// The folder with `node_modules` holding `typescript`, `@supabase/supabase-js`,
/// `prettier@3.5.3` (the version the supabase generator formats with) and `zod`: `LOCKSTEP_TS_TOOLS`, or
/// `target/ts-tools` in the workspace, where `.ci/run` installs them. Missing tools fail the test
/// (under CI and locally alike), saying how to install them.
pub fn ts_tools() -> PathBuf {
    let dir = std::env::var_os("LOCKSTEP_TS_TOOLS").map_or_else(|| workspace().join("target/ts-tools"), PathBuf::from);
    let tsc = dir.join("node_modules/typescript/package.json");
    let supabase = dir.join("node_modules/@supabase/supabase-js/package.json");
    let prettier = dir.join("node_modules/prettier/package.json");
    let zod = dir.join("node_modules/zod/package.json");
    assert!(
        tsc.is_file() && supabase.is_file() && prettier.is_file() && zod.is_file(),
        "the TypeScript tests need typescript, @supabase/supabase-js, prettier@3.5.3 and zod in `{}`; install them with\n  npm install --prefix {} typescript @supabase/supabase-js prettier@3.5.3 zod\n(or set LOCKSTEP_TS_TOOLS to a folder that has them; `.ci/run` installs them)",
        dir.display(),
        dir.display(),
    );
    dir
}

/// Runs a Node tool from the tools folder in `cwd`; its exit success and stdout + stderr.
pub fn node_tool(tool: &str, args: &[&str], cwd: &Path) -> (bool, String) {
    let tools = ts_tools();
    let output = Command::new(tools.join("node_modules/.bin").join(tool))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} from `{}`: {e}", tools.display()));
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// A fresh folder under the target directory for one test's files.
pub fn scratch(name: &str) -> PathBuf {
    let dir = workspace().join("target/tmp/lockstep_gen").join(name.replace('/', "__"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
