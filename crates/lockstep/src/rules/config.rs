//! The rules about the project's setup: `lockstep.toml` and the `lockstep-ignore` comments.

use lockstep_diagnostics::Severity;

use super::{Example, Layer, Rule};

pub const CONFIG: Layer = Layer {
    name: "config",
    title: "Configuration",
    page: Some("configuration.md"),
    rules: &[
        Rule {
            code: "config/invalid",
            severity: Severity::Error,
            summary: "lockstep.toml is invalid",
            explanation: "lockstep.toml does not parse as TOML, has a key lockstep does not know, a value of the wrong type, or an unknown migration layout or database provider. lockstep refuses to guess what a misspelt key meant, so the run stops with exit code 2 and the finding points at the key.",
            example: Example {
                language: "toml",
                code: r#"
[database]
migration = "supabase/migrations"   # the key is `migrations`
provider = "firebase"               # `supabase` or `postgres`
"#,
            },
            fix: "Correct the key or value the finding points at; docs/configuration.md lists every key and its values.",
        },
        Rule {
            code: "config/missing-contract",
            severity: Severity::Error,
            summary: "the contract path in lockstep.toml does not exist",
            explanation: "The `contract` key names a file or folder that is not there, so there is nothing to check the app against. The run stops with exit code 2 rather than report a clean app.",
            example: Example {
                language: "toml",
                code: r#"
contract = "specs/"   # no such folder in the project
"#,
            },
            fix: "Point `contract` at a `.lockstep` file or a folder of them, relative to lockstep.toml, or remove the key to use the detected `contract/` folder.",
        },
        Rule {
            code: "config/missing-source",
            severity: Severity::Error,
            summary: "a source folder named in lockstep.toml does not exist",
            explanation: "A folder in `[sources] include` is not there, so none of the code it was meant to hold was checked. Without this finding a typo would look like a clean check of the UI, API and env layers.",
            example: Example {
                language: "toml",
                code: r#"
[sources]
include = ["src", "app", "componets"]
"#,
            },
            fix: "Point `[sources] include` at the folders that hold the app's TypeScript and JavaScript, relative to lockstep.toml, or remove the key to use the detected folders.",
        },
        Rule {
            code: "config/outside-root",
            severity: Severity::Error,
            summary: "a path that leads outside the project root",
            explanation: "lockstep reads only inside the project: the folder of lockstep.toml. A configured path that is absolute, climbs out with `..`, or is a link to somewhere outside is refused, so a configuration can never make lockstep walk or quote files elsewhere on the disk.",
            example: Example {
                language: "toml",
                code: r#"
contract = "../shared/contract"

[sources]
include = ["/"]
"#,
            },
            fix: "Write paths relative to lockstep.toml that stay inside its folder; for a monorepo, put lockstep.toml in a folder that holds everything it names.",
        },
    ],
};

pub const LOCKSTEP: Layer = Layer {
    name: "lockstep",
    title: "Suppressions",
    page: None,
    rules: &[Rule {
        code: "lockstep/unused-suppression",
        severity: Severity::Warning,
        summary: "a lockstep-ignore comment that suppresses nothing",
        explanation: "A `lockstep-ignore` comment silences the finding with that code on the line below it. When no such finding is there (the problem was fixed, the code moved, or the comment names the wrong code), the comment only hides the next real finding, so it is reported.",
        example: Example {
            language: "ts",
            code: r"
// lockstep-ignore: ui/unknown-column the column is added by a trigger
const { data } = await supabase.from('orders').select('id, total')
",
        },
        fix: "Remove the comment, or name the code of the finding on the next line: `// lockstep-ignore: ui/unknown-column <reason>` (`--` in SQL, `#` in env files).",
    }],
};
