//! Route handlers per framework: `tests/data/routes/<framework>/` holds realistic files under
//! the paths a project would have them; the facts of each file are snapshotted.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use lockstep_diagnostics::{LineIndex, Sources};
use lockstep_ts::routes::{BodyShape, RowsFrom, route_file};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn shape(body: &BodyShape) -> String {
    match body {
        BodyShape::Empty => "no body".to_owned(),
        BodyShape::Object(keys) => {
            format!("{{ {} }}", keys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>().join(", "))
        }
        BodyShape::Array => "an array".to_owned(),
        BodyShape::Rows { single, from } => {
            let what = if *single { "one row" } else { "rows" };
            match from {
                RowsFrom::Table { name, columns: Some(columns) } => {
                    format!("{what} of `{name}` ({})", columns.join(", "))
                }
                RowsFrom::Table { name, columns: None } => format!("{what} of `{name}`"),
                RowsFrom::Function(name) => format!("{what} of rpc `{name}`"),
                RowsFrom::Unknown => what.to_owned(),
            }
        }
        BodyShape::Unknown => "unknown".to_owned(),
    }
}

#[test]
fn every_framework_yields_its_handlers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/routes");
    let mut frameworks: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    frameworks.sort();
    assert_eq!(frameworks.len(), 7, "next_app, next_pages, express, hono, fastify, koa, edge");
    for framework in frameworks {
        let mut paths = Vec::new();
        files(&framework, &mut paths);
        paths.sort();
        assert!(paths.len() >= 3, "{}: at least three handler files", framework.display());
        let mut out = String::new();
        let mut sources = Sources::new();
        let mut handlers = 0;
        for path in &paths {
            let relative = path.strip_prefix(&framework).unwrap().to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(path).unwrap();
            let id = sources.add(relative.clone(), text.clone());
            let served = route_file(id, &relative, &text);
            let lines = LineIndex::new(&text);
            let at = |offset: u32| {
                let position = lines.line_col(&text, offset);
                format!("{}:{}", position.line, position.column)
            };
            let _ = writeln!(out, "== {relative}");
            for mount in &served.mounts {
                let _ = writeln!(out, "mount {} <- {}", mount.prefix, mount.source);
            }
            for handler in &served.handlers {
                handlers += 1;
                let _ = writeln!(
                    out,
                    "{} {} ({}, at {}){}{}{}{}",
                    handler.method.name,
                    handler.path,
                    handler.framework.describe(),
                    at(handler.method.span.start),
                    if handler.body_known { "" } else { ", body not in this file" },
                    if handler.verifies_signature { ", verifies a signature" } else { "" },
                    handler.signature_header.as_ref().map_or(String::new(), |h| format!(" from `{h}`")),
                    if handler.unknown_status { ", a computed status" } else { "" },
                );
                for response in &handler.responses {
                    let _ = writeln!(
                        out,
                        "  {} at {}: {}",
                        response.status,
                        at(response.span.start),
                        shape(&response.body)
                    );
                }
                if !handler.body_fields.is_empty() {
                    let fields: Vec<&str> = handler.body_fields.iter().map(|f| f.name.as_str()).collect();
                    let _ = writeln!(out, "  reads body: {}", fields.join(", "));
                }
            }
        }
        assert!(handlers >= 3, "{}: at least three handlers found", framework.display());
        let name = framework.file_name().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({ snapshot_path => "snapshots/routes", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, out);
        });
    }
}
