//! The rules about the files `lockstep gen` writes.

use lockstep_diagnostics::Severity;

use super::{Example, Layer, Rule};

pub const GEN: Layer = Layer {
    name: "gen",
    title: "Generated files",
    page: Some("gen.md"),
    rules: &[Rule {
        code: "gen/stale",
        severity: Severity::Error,
        summary: "a generated file differs from what `lockstep gen` writes now",
        explanation: "A file `lockstep gen` wrote (its first line says so) no longer matches what the contract gives: the contract changed since, or the file was edited by hand. Code compiled against a stale `Database` type believes in columns, enums and functions the database does not have, and the compiler cannot tell. The finding points at the first line that differs.",
        example: Example {
            language: "text",
            code: r#"
// src/lib/database.types.ts, generated before `note text?` was added to Order
        Row: {
          id: string
          status: Database["public"]["Enums"]["order_status"]
"#,
        },
        fix: "Run `lockstep gen` and commit the files it writes; never edit them by hand (change the contract instead). In CI, `lockstep gen --check` fails the same way.",
    }],
};
