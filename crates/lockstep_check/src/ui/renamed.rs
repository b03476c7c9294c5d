//! Old names in queries: a table or column that a migration renamed gets the renaming statement
//! as a related place and its current name as the fix, so code written from an old snapshot of
//! the schema is put right in one step.

use lockstep_contract::model::Entity;
use lockstep_diagnostics::{ContractPath, Diagnostic, Span};
use lockstep_schema::Rename;
use lockstep_ts::facts::Named;

use super::{UNKNOWN_COLUMN, UNKNOWN_TABLE};

/// The renames the migrations made, with the names they retired: most names the code uses were
/// never renamed, and a set says so without walking thousands of renames per use.
#[derive(Debug, Default)]
pub struct Renames<'r> {
    all: &'r [Rename],
    retired: std::collections::HashSet<&'r str>,
}

impl<'r> Renames<'r> {
    pub fn new(all: &'r [Rename]) -> Renames<'r> {
        let retired = all
            .iter()
            .map(|rename| match rename {
                Rename::Table { from, .. } => from.name.as_str(),
                Rename::Column { from, .. } => from.as_str(),
            })
            .collect();
        Renames { all, retired }
    }

    /// The renames that could concern `name`: none unless some rename retired it.
    fn touching(&self, name: &str) -> &'r [Rename] {
        if self.retired.contains(name) { self.all } else { &[] }
    }
}

/// `finding` (an unknown table `name`) with the rename that retired the name, if any.
pub fn table(finding: Diagnostic, renames: &Renames, name: &str) -> Diagnostic {
    if finding.code != UNKNOWN_TABLE {
        return finding;
    }
    let tables = renames.touching(name).iter().filter_map(|rename| match rename {
        Rename::Table { from, to, span } => Some((from.name.as_str(), to.name.as_str(), *span)),
        Rename::Column { .. } => None,
    });
    let Some((now, span)) = current_name(tables, name) else { return finding };
    finding
        .related(span, format!("renamed to `{now}` here"))
        .help(format!("a migration renamed `{name}` to `{now}`: write `{now}`"))
}

/// `finding` (an unknown column `name` of `entity`) with the rename that retired the name.
pub fn column(finding: Diagnostic, renames: &Renames, entity: &Entity, name: &str) -> Diagnostic {
    if finding.code != UNKNOWN_COLUMN {
        return finding;
    }
    let columns = renames.touching(name).iter().filter_map(|rename| match rename {
        Rename::Column { table, from, to, span } if table.name == entity.table && table.schema == entity.schema => {
            Some((from.as_str(), to.as_str(), *span))
        }
        _ => None,
    });
    let Some((now, span)) = current_name(columns, name) else { return finding };
    finding
        .related(span, format!("renamed to `{now}` here"))
        .help(format!("a migration renamed `{}.{name}` to `{now}`: write `{now}`", entity.table))
}

/// A column the code names that the contract still declares, but that a migration renamed
/// since: the contract is behind the migrations, and this call site breaks with them. Reported
/// at the call site in the same run as the db finding at the contract, so every place to fix
/// is named at once.
pub fn stale_column(renames: &Renames, entity: &Entity, name: &Named) -> Option<Diagnostic> {
    let columns = renames.touching(&name.name).iter().filter_map(|rename| match rename {
        Rename::Column { table, from, to, span } if table.name == entity.table && table.schema == entity.schema => {
            Some((from.as_str(), to.as_str(), *span))
        }
        _ => None,
    });
    let (now, span) = current_name(columns, &name.name)?;
    if now == name.name || entity.field_by_column(&now).is_some() {
        return None;
    }
    Some(
        Diagnostic::error(
            UNKNOWN_COLUMN,
            format!("column `{}.{}` was renamed to `{now}` by a migration", entity.table, name.name),
        )
        .at(name.span, "the old name")
        .related(span, format!("renamed to `{now}` here"))
        .contract(ContractPath::Entity(entity.name.clone()))
        .help(format!(
            "write `{now}` here, and rename the field in the contract (or map it: `@map(\"{now}\")`); every use of the old name is listed in this run"
        )),
    )
}

/// A table the code names that the contract still maps, but that a migration renamed since.
pub fn stale_table(renames: &Renames, entity: &Entity, name: &Named) -> Option<Diagnostic> {
    let tables = renames.touching(&name.name).iter().filter_map(|rename| match rename {
        Rename::Table { from, to, span } if from.schema == entity.schema => {
            Some((from.name.as_str(), to.name.as_str(), *span))
        }
        _ => None,
    });
    let (now, span) = current_name(tables, &name.name)?;
    if now == name.name {
        return None;
    }
    Some(
        Diagnostic::error(UNKNOWN_TABLE, format!("table `{}` was renamed to `{now}` by a migration", name.name))
            .at(name.span, "the old name")
            .related(span, format!("renamed to `{now}` here"))
            .contract(ContractPath::Entity(entity.name.clone()))
            .help(format!(
                "write `{now}` here, and map the entity in the contract: `@map(\"{now}\")`; every use of the old name is listed in this run"
            )),
    )
}

/// What `name` is called after the renames `(from, to, statement)`, in order, and the statement
/// that first renamed it; `None` when no rename touched it.
fn current_name<'r>(renames: impl Iterator<Item = (&'r str, &'r str, Span)>, name: &str) -> Option<(String, Span)> {
    let mut found: Option<(&str, Span)> = None;
    for (from, to, span) in renames {
        match &mut found {
            None if from == name => found = Some((to, span)),
            Some((current, _)) if from == *current => *current = to,
            _ => {}
        }
    }
    found.map(|(now, span)| (now.to_owned(), span))
}
