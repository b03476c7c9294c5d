//! Old names in queries: a table or column that a migration renamed gets the renaming statement
//! as a related place and its current name as the fix, so code written from an old snapshot of
//! the schema is put right in one step.

use lockstep_contract::model::Entity;
use lockstep_diagnostics::{Diagnostic, Span};
use lockstep_sql::replay::Rename;

use super::{UNKNOWN_COLUMN, UNKNOWN_TABLE};

/// `finding` (an unknown table `name`) with the rename that retired the name, if any.
pub fn table(finding: Diagnostic, renames: &[Rename], name: &str) -> Diagnostic {
    if finding.code != UNKNOWN_TABLE {
        return finding;
    }
    let mut found: Option<(String, Span)> = None;
    for rename in renames {
        let Rename::Table { from, to, span } = rename else { continue };
        match &mut found {
            None if from.name == name => found = Some((to.name.clone(), *span)),
            Some((current, _)) if from.name == *current => to.name.clone_into(current),
            _ => {}
        }
    }
    let Some((now, span)) = found else { return finding };
    finding
        .related(span, format!("renamed to `{now}` here"))
        .help(format!("a migration renamed `{name}` to `{now}`: write `{now}`"))
}

/// `finding` (an unknown column `name` of `entity`) with the rename that retired the name.
pub fn column(finding: Diagnostic, renames: &[Rename], entity: &Entity, name: &str) -> Diagnostic {
    if finding.code != UNKNOWN_COLUMN {
        return finding;
    }
    let mut found: Option<(String, Span)> = None;
    for rename in renames {
        let Rename::Column { table, from, to, span } = rename else { continue };
        if table.name != entity.table || table.schema != entity.schema {
            continue;
        }
        match &mut found {
            None if from == name => found = Some((to.clone(), *span)),
            Some((current, _)) if from == current => to.clone_into(current),
            _ => {}
        }
    }
    let Some((now, span)) = found else { return finding };
    finding
        .related(span, format!("renamed to `{now}` here"))
        .help(format!("a migration renamed `{}.{name}` to `{now}`: write `{now}`", entity.table))
}
