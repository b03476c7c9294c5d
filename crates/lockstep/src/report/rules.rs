//! Every finding code with a one-line description, for reporters that list rules (SARIF).

/// `(code, description)`, grouped by layer.
pub const RULES: &[(&str, &str)] = &[
    ("config/invalid", "lockstep.toml is invalid"),
    ("config/missing-contract", "the contract path in lockstep.toml does not exist"),
    ("config/missing-source", "a source folder named in lockstep.toml does not exist"),
    ("config/outside-root", "a path that leads outside the project root"),
    ("contract/syntax-error", "the contract does not follow the grammar"),
    ("contract/duplicate-name", "a name is defined twice"),
    ("contract/duplicate-item", "a second naming or env block"),
    ("contract/unknown-type", "a type that is not a scalar, enum, entity or type"),
    ("contract/invalid-field-type", "an entity or type used as a column, or wrong type arguments"),
    ("contract/unknown-attribute", "an attribute that does not exist"),
    ("contract/invalid-attribute", "an attribute with invalid arguments"),
    ("contract/invalid-default", "a default that does not fit the field's type"),
    ("contract/unknown-entity", "a reference to an entity that does not exist"),
    ("contract/unknown-field", "a reference to a field that does not exist"),
    ("contract/foreign-key-type", "a foreign key to a non-key field or of another type"),
    ("contract/missing-primary-key", "an entity without a primary key"),
    ("contract/invalid-policy", "an access rule that cannot be understood"),
    ("contract/invalid-naming", "an unknown naming key or style"),
    ("contract/duplicate-endpoint", "an endpoint declared twice"),
    ("contract/invalid-endpoint", "an endpoint with invalid parts"),
    ("contract/unknown-env", "a reference to an undeclared environment variable"),
    ("contract/invalid-env", "an invalid environment variable declaration"),
    ("contract/secret-with-public-prefix", "a secret whose name bundlers inline into client code"),
    ("contract/invalid-webhook", "an invalid webhook declaration"),
    ("contract/invalid-bucket", "an invalid bucket declaration"),
    ("db/missing-table", "an entity's table does not exist"),
    ("db/extra-table", "a table the contract does not describe"),
    ("db/missing-column", "a field's column does not exist"),
    ("db/extra-column", "a column the contract does not describe"),
    ("db/type-mismatch", "a column's type differs from the contract"),
    ("db/nullability-mismatch", "a column's nullability differs from the contract"),
    ("db/default-mismatch", "a column's default differs from the contract"),
    ("db/enum-mismatch", "an enum type differs from the contract"),
    ("db/missing-foreign-key", "a declared reference has no matching foreign key"),
    ("db/missing-unique", "a declared unique key has no unique constraint"),
    ("db/missing-check", "a declared check has no check constraint of the same meaning"),
    ("db/missing-function", "a declared function does not exist in the database"),
    ("db/function-mismatch", "a function takes other argument names than the contract declares"),
    ("db/rls-disabled", "row-level security is off on a table with access rules"),
    ("db/policy-missing", "an access rule has no policy"),
    ("db/policy-mismatch", "a policy differs from the contract's access rule"),
    ("db/drift-from-migrations", "the live database differs from what the migrations produce"),
    ("db/unparsed-statement", "a migration statement lockstep could not parse"),
    ("db/skipped-statement", "a migration statement outside the schema model"),
    ("db/replay-conflict", "a migration statement Postgres would refuse"),
    ("db/unreadable-migration", "a migration file that is not readable text"),
    ("db/incomplete-migrations", "tables the generated types know and the migrations do not create"),
    ("db/stale-types", "the generated types and the migrations disagree on columns"),
    ("db/unreadable-types", "the generated types file cannot be read"),
    ("ui/unknown-table", "the code queries a table the contract does not have"),
    ("ui/unknown-column", "the code names a column the table does not have"),
    ("ui/casing-mismatch", "the code uses another casing than the database name"),
    ("ui/invalid-select", "a select string that does not parse"),
    ("ui/unknown-bucket", "the code uses a storage bucket the contract does not declare"),
    ("ui/invalid-enum-value", "the code compares or writes a value the enum does not have"),
    ("ui/unknown-endpoint", "the code calls an API path no endpoint serves"),
    ("ui/method-not-allowed", "the code calls an endpoint with a method it does not accept"),
    ("ui/unparsed-file", "a source file that does not parse"),
    ("ui/unknown-field", "the code reads a field a query, rpc or response does not carry"),
    ("ui/response-shape", "the code treats a response as another shape (array, object, envelope)"),
    ("ui/undeclared-status", "the code compares a response with a status the endpoint never returns"),
    ("ui/unknown-function", "the code calls an rpc function or argument the contract does not declare"),
    ("ui/unreadable-file", "a source file that is not readable text"),
    ("api/missing-handler", "a contract endpoint no route handler serves"),
    ("api/undeclared-route", "a route handler the contract does not declare"),
    ("api/undeclared-status", "a handler returns a status the contract does not declare"),
    ("api/missing-status", "a declared success status no handler returns"),
    ("api/response-shape", "a handler's response body differs from the declared shape"),
    ("api/request-field", "a handler reads a request field the contract does not declare"),
    ("webhook/unverified", "a webhook handler that never verifies the signature"),
    ("webhook/no-idempotency", "a webhook handler that never reads its idempotency key"),
    ("env/undeclared", "the code reads an undeclared environment variable"),
    ("env/secret-exposed", "a secret is read in code that runs in the browser"),
    ("env/missing", "a required variable is absent from an environment's env files"),
    ("env/undeclared-in-file", "an env file defines an undeclared variable"),
    ("env/parity", "environments disagree on a value's kind or presence"),
    ("env/committed-secret", "a secret with a real-looking value in a tracked file"),
    ("env/unreadable-file", "an env file that is not readable text"),
    ("lockstep/unused-suppression", "a lockstep-ignore comment that suppresses nothing"),
];

pub fn description(code: &str) -> &'static str {
    RULES.iter().find(|(c, _)| *c == code).map_or("a lockstep finding", |(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::RULES;

    /// Every finding code a crate defines (`pub const X: &str = "layer/name"`) is listed, so
    /// SARIF never describes one as "a lockstep finding".
    #[test]
    fn every_code_the_crates_define_is_listed() {
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut missing = Vec::new();
        let mut pending = vec![crates];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() && !path.ends_with("tests") && !path.ends_with("target") {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for line in
                        text.lines().filter(|l| l.trim_start().starts_with("pub const ") && l.contains(": &str = \""))
                    {
                        let code = line.split('"').nth(1).unwrap_or_default();
                        let is_code = code.split_once('/').is_some_and(|(layer, name)| {
                            !layer.is_empty()
                                && !name.is_empty()
                                && code.chars().all(|c| c.is_ascii_lowercase() || c == '/' || c == '-')
                        });
                        if is_code && !RULES.iter().any(|(c, _)| *c == code) {
                            missing.push(format!("{code} ({})", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "codes missing from RULES:\n{}", missing.join("\n"));
    }
}
