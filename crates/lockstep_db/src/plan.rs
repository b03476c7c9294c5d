//! A migration planned from the contract: the diff from the current schema (declared renames
//! first), each change with its hazards, the SQL files that carry it out (a header listing
//! every change and hazard; statements that cannot run in a transaction in a file of their
//! own), and the check that replaying those files leaves nothing to change.

use std::fmt::Write as _;

use lockstep_sql::replay::replay_text;
use lockstep_sql::schema::Schema;

use crate::hazard::{Hazard, Risk, SuspectedRename, hazards, suspected_renames};
use crate::summary::summary;
use lockstep_schema::diff::{Change, diff_in};

use lockstep_sql::migration_facts::NO_TRANSACTION_MARKER;

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Build indexes on existing tables `concurrently`, in a file of their own.
    pub online: bool,
}

#[derive(Clone, Debug)]
pub struct PlannedChange {
    pub change: Change,
    pub hazards: Vec<Hazard>,
}

/// One migration file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedFile {
    pub sql: String,
    /// `false` for the file that must run outside a transaction.
    pub transactional: bool,
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub changes: Vec<PlannedChange>,
    /// Drops and adds that look like renames nobody declared.
    pub suspects: Vec<SuspectedRename>,
    /// Declared renames with nothing to do in this schema.
    pub stale_renames: Vec<Change>,
    /// What to write, in the order it applies; empty when there is nothing to change.
    pub files: Vec<PlannedFile>,
    /// The schema the plan reaches: the lowered contract as `accept` reads it against the
    /// current schema. What [`verify`] compares with.
    pub target: Schema,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Why the plan must not be written without consent (`--allow-destructive`): each
    /// suspected rename, and each destructive hazard with the change it belongs to.
    pub fn needs_consent(&self) -> Vec<String> {
        let mut reasons: Vec<String> = self.suspects.iter().map(ToString::to_string).collect();
        for planned in &self.changes {
            for hazard in planned.hazards.iter().filter(|h| h.risk == Risk::Destructive) {
                reasons.push(format!("{}: {}", summary(&planned.change), hazard.message));
            }
        }
        reasons
    }
}

/// How the target is read against the current schema: `accept(current, lowered)` returns the
/// lowered contract with what `current` has wherever the contract accepts it or says nothing
/// (`crate::equivalence::as_accepted`), so the plan changes only what `check` would report.
pub type Accept<'a> = &'a dyn Fn(&Schema, &Schema) -> Schema;

/// Plans the move from `from` to `to` (both canonical; `to` the lowered contract), carrying
/// out `renames` (from [`crate::rename::declared`]) first.
pub fn plan(
    from: &Schema,
    to: &Schema,
    renames: &[Change],
    include: &dyn Fn(&str) -> bool,
    accept: Accept,
    options: Options,
) -> Plan {
    let after_renames = crate::rename::apply(from, renames);
    let target = accept(&after_renames.schema, to);
    let mut all = after_renames.applied.clone();
    all.extend(diff_in(&after_renames.schema, &target, include));
    let changes: Vec<PlannedChange> = all
        .iter()
        .map(|change| PlannedChange {
            change: change.clone(),
            hazards: hazards(change, &after_renames.schema, options.online),
        })
        .collect();
    let suspects = suspected_renames(&all, &after_renames.schema);
    let (in_transaction, outside): (Vec<&PlannedChange>, Vec<&PlannedChange>) =
        changes.iter().partition(|planned| match &planned.change {
            Change::CreateIndex(index) => !(options.online && after_renames.schema.table(&index.table).is_some()),
            _ => true,
        });
    let mut files = Vec::new();
    // A value added to an enum cannot be used in the transaction that adds it: when the rest
    // of the plan uses one, the additions go in a file of their own, applied first.
    let (additions, rest): (Vec<&PlannedChange>, Vec<&PlannedChange>) =
        in_transaction.iter().partition(|planned| matches!(planned.change, Change::AddEnumValue { .. }));
    let rest_sql = render(&rest);
    let used = additions.iter().any(|planned| match &planned.change {
        Change::AddEnumValue { value, .. } => rest_sql.contains(&format!("'{}'", value.replace('\'', "''"))),
        _ => false,
    });
    let groups = if used { vec![additions, rest] } else { vec![in_transaction] };
    for group in groups.into_iter().filter(|g| !g.is_empty()) {
        let mut sql = header("", &group);
        // Fail fast rather than queue every query on a table behind a lock this file waits for.
        sql.push_str("set lock_timeout = '5s';\n");
        sql.push_str(&render(&group));
        files.push(PlannedFile { sql, transactional: true });
    }
    if !outside.is_empty() {
        let mut sql = header(
            &format!(
                "{NO_TRANSACTION_MARKER}\n-- `create index concurrently` cannot run inside a transaction: apply this file on its own,\n-- outside one. The indexes are built without blocking writes.\n"
            ),
            &outside,
        );
        for planned in &outside {
            if let Change::CreateIndex(index) = &planned.change {
                sql.push_str(&crate::ddl::render_concurrent_index(index));
            }
        }
        files.push(PlannedFile { sql, transactional: false });
    }
    Plan { changes, suspects, stale_renames: after_renames.stale, files, target }
}

fn render(changes: &[&PlannedChange]) -> String {
    crate::ddl::render(&changes.iter().map(|p| p.change.clone()).collect::<Vec<_>>())
}

/// The comment at the top of a planned file: every change, numbered, with its hazards.
fn header(first: &str, changes: &[&PlannedChange]) -> String {
    let mut out = String::from(first);
    let count = changes.len();
    let _ = writeln!(
        out,
        "-- Planned by `lockstep migrate plan` from the contract: {count} change{}.",
        if count == 1 { "" } else { "s" }
    );
    let width = count.to_string().len();
    for (at, planned) in changes.iter().enumerate() {
        let _ = writeln!(out, "-- {:>width$}. {}", at + 1, one_line(&summary(&planned.change)));
        for hazard in &planned.hazards {
            let _ = writeln!(out, "-- {:width$}    {}: {}", "", hazard.risk.as_str(), one_line(&hazard.message));
        }
    }
    out.push('\n');
    out
}

/// Text inside a `--` comment stays on its line.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// What would still change after replaying `files` onto `base` (the current schema as the
/// replay or the introspection built it, before canonical form): empty when the plan is
/// complete.
pub fn verify(base: Schema, files: &[PlannedFile], to: &Schema, include: &dyn Fn(&str) -> bool) -> Vec<Change> {
    let mut schema = base;
    for file in files {
        schema = replay_text(schema, &file.sql);
    }
    schema.sort();
    diff_in(&schema, to, include)
}
