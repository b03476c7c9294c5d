//! `db/missing-function` and `db/function-mismatch`: the functions the contract declares for
//! `.rpc()` against the functions the database has, by name and argument names.

use lockstep_diagnostics::{ContractPath, Diagnostic, did_you_mean};
use lockstep_schema::QualifiedName;

use super::{Context, FUNCTION_MISMATCH, MISSING_FUNCTION, at_database};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    for function in &context.contract.functions {
        let name = QualifiedName::new("public", function.name.clone());
        let overloads: Vec<_> = context.schema.functions_named(&name).collect();
        if overloads.is_empty() {
            let names =
                context.schema.functions.iter().filter(|f| f.name.schema == "public").map(|f| f.name.name.as_str());
            findings.push(
                Diagnostic::error(
                    MISSING_FUNCTION,
                    format!("function `{name}` does not exist in {}", context.source.describe()),
                )
                .at(function.origin.span, "no such function")
                .contract(ContractPath::Function(function.name.clone()))
                .help(did_you_mean(&function.name, names).map_or_else(
                    || "create it in a migration (`create function ...`), or remove it from the contract".to_owned(),
                    |s| format!("a function `{s}` exists: did you mean `{s}`?"),
                )),
            );
            continue;
        }
        let declared: Vec<&str> = function.args.iter().map(|a| a.name.as_str()).collect();
        let matches =
            |names: &[String]| names.len() == declared.len() && declared.iter().all(|d| names.iter().any(|n| n == d));
        if overloads.iter().any(|f| matches(&f.argument_names)) {
            continue;
        }
        // Overloads are declared once (`.rpc()` calls a name): the contract's arguments are
        // every argument some overload takes, and the ones not every overload takes are optional.
        let mut union: Vec<String> = overloads.iter().flat_map(|f| f.argument_names.iter().cloned()).collect();
        union.sort();
        union.dedup();
        let required_everywhere = function
            .args
            .iter()
            .filter(|a| !a.optional)
            .all(|a| overloads.iter().all(|f| f.argument_names.contains(&a.name)));
        if overloads.len() > 1 && matches(&union) && required_everywhere {
            continue;
        }
        let actual = &overloads[0];
        let shown = |names: &[&str]| {
            if names.is_empty() { "no arguments".to_owned() } else { format!("({})", names.join(", ")) }
        };
        let actual_names: Vec<&str> = actual.argument_names.iter().map(String::as_str).collect();
        findings.push(at_database(
            Diagnostic::error(
                FUNCTION_MISMATCH,
                format!(
                    "function `{name}` takes {} in {}, the contract says {}",
                    shown(&actual_names),
                    context.source.describe(),
                    shown(&declared)
                ),
            )
            .contract(ContractPath::Function(function.name.clone()))
            .help("`.rpc()` passes arguments by name: make the contract's `args` and the function's arguments agree"),
            actual.origin,
            function.origin.span,
            "defined here",
        ));
    }
}
