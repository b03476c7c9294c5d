//! The pre-parse guard: hostile nesting, chains and `<` runs are refused before `oxc` sees
//! them, whatever tries to hide them from the scan, and every source file in the repository
//! passes.

use std::path::{Path, PathBuf};

use lockstep_diagnostics::Sources;
use lockstep_ts::guard::{MAX_ANGLE_PAIRS, MAX_CHAIN, MAX_NESTING, MAX_OPEN_ANGLES};
use lockstep_ts::{analyze, extract, refusal, routes::route_file};

/// The refusal message for `text` under `path`, after checking that the facts and the route
/// handlers agree with it.
fn refused(path: &str, text: &str) -> Option<String> {
    let mut sources = Sources::new();
    let file = sources.add(path, text);
    let reason = refusal(path, text).map(|r| r.message);
    if reason.is_some() {
        let facts = extract(file, path, text);
        assert!(facts.parse_error.as_ref().is_some_and(|(m, _)| m.contains("the file was skipped")));
        let routes = route_file(file, path, text);
        assert!(routes.handlers.is_empty(), "a refused file serves nothing");
        // The one-parse path a check takes refuses it the same way.
        let (facts, routes) = analyze(file, path, text);
        assert!(facts.parse_error.as_ref().is_some_and(|(m, _)| m.contains("the file was skipped")));
        assert!(routes.handlers.is_empty() && routes.mounts.is_empty(), "a refused file serves nothing");
    }
    reason
}

fn nested(n: usize) -> String {
    format!("{}1{}", "[".repeat(n), "]".repeat(n))
}

#[test]
fn deep_brackets_are_refused_in_route_files_too() {
    let route = format!("export async function GET() {{ return Response.json({}) }}\n", nested(10_000));
    let reason = refused("app/api/deep/route.ts", &route).expect("refused");
    assert_eq!(reason, format!("nested more than {MAX_NESTING} levels deep"));
    let fine = format!("export const x = {};\n", nested(MAX_NESTING - 10));
    assert_eq!(refused("src/fine.ts", &fine), None);
}

#[test]
fn what_once_hid_nesting_from_the_scan_no_longer_does() {
    let deep = nested(5_000);
    let cases = [
        // An apostrophe in JSX text once opened a "string" to the end of the line.
        ("src/jsx_apostrophe.tsx", format!("const a = <p>don't</p>; const x = {deep};")),
        // So did a quote inside a block comment, and inside a regex literal.
        ("src/block_comment.ts", format!("/* it's */ const x = {deep};")),
        ("src/regex.ts", format!("const r = /'/; const x = {deep};")),
        // A closer inside a string once cancelled a real opener.
        ("src/closer_in_string.ts", format!("const x = {}0{};", "[']',".repeat(5_000), "]".repeat(5_000))),
        // A closer in JSX text, in a JSX attribute with a backslash, after an escaped newline.
        ("src/jsx_text_closer.tsx", format!("const x = {}0{};", "[<a>]</a>,".repeat(5_000), "]".repeat(5_000))),
        (
            "src/jsx_attribute.tsx",
            format!("const x = {}0{};", "[<a b=\"\\\">\n]</a>,".repeat(2_000), "]".repeat(2_000)),
        ),
        ("src/continued_string.ts", format!("const x = {}0{};", "['\\\n]',".repeat(5_000), "]".repeat(5_000))),
        // A regex after a control statement's head, whose `}` once closed a real block.
        ("src/control_regex.ts", "function f(){ if (a) /}/.test(b);\n".repeat(2_000)),
        // Nesting without brackets: arrows, ternaries, nested JSX elements, generics.
        ("src/arrows.ts", format!("const f = {}0;", "()=>".repeat(10_000))),
        ("src/ternaries.ts", format!("const t = {}0;", "a?b:".repeat(10_000))),
        ("src/elements.tsx", format!("const e = {}{};", "<a>".repeat(5_000), "</a>".repeat(5_000))),
        ("src/generics.ts", format!("type T = {}number{};", "Array<".repeat(5_000), ">".repeat(5_000))),
    ];
    for (path, text) in cases {
        let reason = refused(path, &text);
        assert!(reason.is_some(), "{path} was not refused");
    }
}

#[test]
fn pathological_generic_starts_are_refused_before_the_parser_backtracks() {
    // 10,000 of these took oxc 54 s and 6 GB; 30,000 killed its thread.
    let text = format!("x = {}a;", "a<".repeat(10_000));
    let reason = refused("src/angles.ts", &text).expect("refused");
    assert_eq!(reason, format!("more than {MAX_OPEN_ANGLES} `<` are open at once"));
    // With brackets between them the tries multiply: 24 of these took 16 s and 6 GB, and a
    // 580-byte file the fuzzer found (`y<{[[y([[y<([[y<...`) 6.5 s and 1.6 GB.
    let doubling = format!("x = {}y;", "y<{[".repeat(24));
    assert!(refused("src/doubling.ts", &doubling).is_some());
    let found = format!("exo((zres((({}", "y<{[[y([[y<([[y<[[y<[[[y<[([[y<([[y<[([y<{[".repeat(8));
    assert!(refused("src/found.ts", &found).is_some());
    // Comparisons that each end are not a run.
    let comparisons = "if (a < b) { c = d < e; }\n".repeat(5_000);
    assert_eq!(refused("src/comparisons.ts", &comparisons), None);
    // Runs under the bound each, adding up: 1,000 lines of these took 630 MB.
    let lines = format!("x = {}a;\n", "a<".repeat(MAX_OPEN_ANGLES - 1)).repeat(2_000);
    let reason = refused("src/many_runs.ts", &lines).expect("refused");
    assert!(reason.contains(&format!("more than {MAX_ANGLE_PAIRS} pairs")), "{reason}");
    // Generic types, however many, are a few pairs each.
    let types =
        "const m: Map<string, Array<Record<string, number>>> = new Map<string, Array<Record<string, number>>>();\n";
    assert_eq!(refused("src/types.ts", &types.repeat(5_000)), None);
}

#[test]
fn long_chains_are_refused_with_their_own_reason() {
    let chain_reason = Some(format!("an expression chains more than {MAX_CHAIN} operators or members"));
    // 100,000 members took 17 s to walk, 200,000 more than 200 s.
    let members = format!("x = a{};", ".b".repeat(100_000));
    assert_eq!(refused("src/members.ts", &members), chain_reason);
    let sums = format!("x = 1{};", "+1".repeat(20_000));
    assert_eq!(refused("src/sums.ts", &sums), chain_reason);
    let nots = format!("x = {}a;", "!".repeat(20_000));
    assert_eq!(refused("src/nots.ts", &nots), chain_reason);
    // Statements and list items each start a new chain.
    let statements = "x = a.b.c + d.e;\n".repeat(10_000);
    assert_eq!(refused("src/statements.ts", &statements), None);
    let list = format!("x = [{}];", vec!["a.b + c.d"; 10_000].join(", "));
    assert_eq!(refused("src/list.ts", &list), None);
}

fn sources_in(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("target") && !path.ends_with("node_modules") {
                sources_in(&path, out);
            }
        } else if path
            .extension()
            .is_some_and(|e| ["ts", "tsx", "js", "jsx", "mjs", "cjs"].contains(&e.to_str().unwrap()))
        {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_in_the_repository_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    sources_in(&root.join("crates"), &mut paths);
    sources_in(&root.join("examples"), &mut paths);
    assert!(paths.len() > 100, "{} files", paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let shown = path.display().to_string();
        assert_eq!(refusal(&shown, &text), None, "{shown}");
    }
}

#[test]
fn the_scan_stays_linear_on_degenerate_text() {
    // A search ahead per line break, or per `</` without `>`, would be quadratic here.
    let blank = format!("a{}", "\n".repeat(4 << 20));
    assert_eq!(refused("src/blank.ts", &blank), None);
    let tags = format!("x = {}", "</".repeat(2 << 20));
    let _ = refused("src/tags.tsx", &tags);
}
