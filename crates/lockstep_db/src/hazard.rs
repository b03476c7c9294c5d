//! What a planned change risks: data lost, a statement that fails on the rows a table holds,
//! locks that block the app, code that breaks. And drops that look like undeclared renames.

use std::collections::BTreeMap;

use lockstep_sql::migration_facts::is_volatile_default;
use lockstep_sql::schema::{Column, QualifiedName, Schema};

use lockstep_schema::diff::Change;

/// The kind of risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Risk {
    /// Data is lost, or a column is made to refuse what it may hold: planned only with consent
    /// (`--allow-destructive`).
    Destructive,
    /// May fail on the rows the table holds (duplicates, violations).
    MayFail,
    /// Takes a lock that blocks reads or writes while it runs, or rewrites the table.
    Locking,
    /// Code that uses the old name or shape breaks unless it ships with the migration.
    Breaking,
    /// Rows become readable or writable by more roles.
    Exposure,
}

impl Risk {
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Destructive => "destructive",
            Risk::MayFail => "may fail",
            Risk::Locking => "locking",
            Risk::Breaking => "breaking",
            Risk::Exposure => "exposure",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hazard {
    pub risk: Risk,
    pub message: String,
}

fn hazard(risk: Risk, message: impl Into<String>) -> Hazard {
    Hazard { risk, message: message.into() }
}

/// The hazards of `change` applied to `before` (the schema the change starts from, after
/// declared renames). `online`: indexes on existing tables are built concurrently.
pub fn hazards(change: &Change, before: &Schema, online: bool) -> Vec<Hazard> {
    let existing = |table: &QualifiedName| before.table(table).is_some();
    let mut found = Vec::new();
    match change {
        Change::DropTable(table) => {
            found.push(hazard(Risk::Destructive, format!("drops `{}` and every row in it", table.name)));
            found.push(hazard(Risk::Breaking, "code that reads or writes the table fails"));
        }
        Change::DropColumn { table, column } => {
            found.push(hazard(Risk::Destructive, format!("drops `{table}.{}` and its data", column.name)));
            found.push(hazard(Risk::Breaking, "code that selects or writes the column fails"));
        }
        Change::RemoveEnumValues { enum_name, removed, .. } => {
            if !removed.is_empty() {
                found.push(hazard(
                    Risk::Destructive,
                    format!(
                        "removes {} from `{enum_name}`: rows holding them make the cast fail; update them first",
                        quoted(removed)
                    ),
                ));
                found.push(hazard(Risk::Breaking, "code that sends a removed value is refused"));
            }
            found.push(hazard(
                Risk::Locking,
                "the type is replaced: every column of it is rewritten under an ACCESS EXCLUSIVE lock",
            ));
        }
        Change::AlterColumnType { table, column, from, to } => {
            if !widens(from.as_str(), to.as_str()) {
                found.push(hazard(
                    Risk::Destructive,
                    format!("narrows `{table}.{column}` from `{from}` to `{to}`: values that do not fit make it fail or lose precision"),
                ));
            }
            found.push(hazard(Risk::Locking, "may rewrite the table under an ACCESS EXCLUSIVE lock"));
        }
        Change::SetNotNull { table, column } => {
            found.push(hazard(
                Risk::Destructive,
                format!("`{table}.{column}` becomes NOT NULL: fails if a row holds null; scans the table under an ACCESS EXCLUSIVE lock"),
            ));
        }
        Change::AddColumn { table, column } if existing(table) => add_column(table, column, &mut found),
        Change::AddPrimaryKey { table, .. } | Change::AddUnique { table, .. } if existing(table) => {
            found.push(hazard(
                Risk::MayFail,
                "fails if rows hold duplicates; builds its index under a lock that blocks writes",
            ));
        }
        Change::AddCheck { table, .. } if existing(table) => {
            found.push(hazard(
                Risk::MayFail,
                "fails if a row violates it; scans the table under an ACCESS EXCLUSIVE lock",
            ));
        }
        Change::AddForeignKey { table, key } if existing(table) => {
            found.push(hazard(
                Risk::MayFail,
                format!(
                    "fails if a row points nowhere; checks every row while `{table}` and `{}` are locked against writes",
                    key.references
                ),
            ));
        }
        Change::CreateIndex(index) if existing(&index.table) && !online => {
            found.push(hazard(
                Risk::Locking,
                format!("blocks writes to `{}` while it builds; `--online` builds it concurrently", index.table),
            ));
        }
        Change::RenameTable { from, to } => {
            found.push(hazard(Risk::Breaking, format!("code that uses `{}` must use `{to}` from now on", from.name)));
        }
        Change::RenameColumn { table, from, to } => {
            found.push(hazard(Risk::Breaking, format!("code that uses `{table}.{from}` must use `{to}` from now on")));
        }
        Change::RenameEnumValue { from, to, .. } => {
            found.push(hazard(Risk::Breaking, format!("code that sends '{from}' must send '{to}' from now on")));
        }
        Change::RenameEnum { .. } => {
            found.push(hazard(Risk::Breaking, "SQL and generated types that name the type must use the new name"));
        }
        Change::DisableRls(table) => {
            found.push(hazard(
                Risk::Exposure,
                format!("every row of `{table}` is open to each role the table is granted to"),
            ));
        }
        Change::DropPolicy { .. } => found.push(hazard(Risk::Breaking, "the rows it let through are refused")),
        _ => found.extend(routine_hazard(change)),
    }
    found
}

/// The hazard of dropping a view, function or bucket, or of changing a bucket's visibility.
fn routine_hazard(change: &Change) -> Option<Hazard> {
    match change {
        Change::DropView(view) => Some(hazard(Risk::Breaking, format!("code that reads `{}` fails", view.name))),
        Change::DropFunction(function) => {
            Some(hazard(Risk::Breaking, format!("calls of `{}` (`.rpc()`, triggers) fail", function.name)))
        }
        Change::DropBucket(bucket) => Some(hazard(
            Risk::Destructive,
            format!("the bucket `{}` goes; Postgres refuses while it holds files", bucket.id),
        )),
        Change::AlterBucket { from, to } if from.public && !to.public => {
            Some(hazard(Risk::Breaking, format!("public links to files in `{}` stop working", to.id)))
        }
        Change::AlterBucket { from, to } if !from.public && to.public => {
            Some(hazard(Risk::Exposure, format!("every file in `{}` can be read by anyone with its path", to.id)))
        }
        _ => None,
    }
}

fn add_column(table: &QualifiedName, column: &Column, found: &mut Vec<Hazard>) {
    let filled = column.default.is_some() || column.identity.is_some() || column.generated.is_some();
    if !column.nullable && !filled {
        found.push(hazard(
            Risk::Destructive,
            format!(
                "`{table}.{}` is NOT NULL without a default: fails if the table has rows; add a default, or add it nullable, fill it, then make it required",
                column.name
            ),
        ));
    }
    if column.default.as_ref().is_some_and(|d| is_volatile_default(d.text()))
        || column.identity.is_some()
        || column.generated.is_some()
    {
        found.push(hazard(
            Risk::Locking,
            "its value is computed for every row: the table is rewritten under an ACCESS EXCLUSIVE lock",
        ));
    }
}

/// Whether every value of type `from` fits `to` unchanged: a wider integer or float, a longer
/// or unbounded string, an unconstrained numeric, `text`.
pub fn widens(from: &str, to: &str) -> bool {
    let ints = ["smallint", "integer", "bigint"];
    let rank = |ty: &str| ints.iter().position(|t| *t == ty);
    if let (Some(a), Some(b)) = (rank(from), rank(to)) {
        return a <= b;
    }
    if (rank(from).is_some() || from.starts_with("numeric")) && to == "numeric" {
        return true;
    }
    if from == "real" && to == "double precision" {
        return true;
    }
    if from == "timestamp without time zone" && to == "timestamp with time zone" {
        return true;
    }
    let textual = |ty: &str| ty == "text" || ty.starts_with("character varying") || ty.starts_with("character(");
    if textual(from) && (to == "text" || to == "character varying") {
        return true;
    }
    if let (Some(a), Some(b)) = (length(from, "character varying("), length(to, "character varying(")) {
        return a <= b;
    }
    if let (Some(a), Some(b)) = (length(from, "character("), length(to, "character varying(")) {
        return a <= b;
    }
    to == "text" && !from.ends_with("[]")
}

fn length(ty: &str, prefix: &str) -> Option<u32> {
    ty.strip_prefix(prefix)?.strip_suffix(')')?.parse().ok()
}

fn quoted(values: &[String]) -> String {
    values.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ")
}

/// Names dropped and names added.
type Names<'a> = (Vec<&'a str>, Vec<&'a str>);

/// A drop and an add that look like a rename nobody declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuspectedRename {
    /// What it is: `column`, `table`, `type` or `enum value`.
    pub kind: &'static str,
    /// Where: the table or type, for columns and values.
    pub within: Option<String>,
    pub old: String,
    pub new: String,
}

impl std::fmt::Display for SuspectedRename {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let within = self.within.as_ref().map_or(String::new(), |w| format!(" of `{w}`"));
        write!(
            f,
            "the {kind} `{old}`{within} is dropped and `{new}` added, alike in type: if `{new}` is `{old}` renamed, declare it with `@was({old})` on `{new}` in the contract; to drop `{old}` and its data, pass `--allow-destructive`",
            kind = self.kind,
            old = self.old,
            new = self.new,
        )
    }
}

/// The drops in `changes` that pair with exactly one add of the same kind and type in the same
/// place: one column of a table gone and one of the same type new, one table gone and one with
/// the same columns new, one enum value replaced by one new value, one type replaced by one
/// with the same values. `before` is the schema the changes start from.
pub fn suspected_renames(changes: &[Change], before: &Schema) -> Vec<SuspectedRename> {
    let mut suspects = Vec::new();
    // Columns dropped and added, per table and type.
    let mut columns: BTreeMap<(&QualifiedName, &str), Names> = BTreeMap::new();
    for change in changes {
        match change {
            Change::DropColumn { table, column } => {
                columns.entry((table, column.ty.as_str())).or_default().0.push(&column.name);
            }
            Change::AddColumn { table, column } => {
                columns.entry((table, column.ty.as_str())).or_default().1.push(&column.name);
            }
            _ => {}
        }
    }
    for ((table, _), (dropped, added)) in &columns {
        let ([old], [new]) = (dropped.as_slice(), added.as_slice()) else { continue };
        // A generated column made again keeps its name: not a rename.
        if old != new {
            suspects.push(SuspectedRename {
                kind: "column",
                within: Some(table.to_string()),
                old: (*old).to_owned(),
                new: (*new).to_owned(),
            });
        }
    }
    let shape = |t: &lockstep_sql::schema::Table| {
        let mut columns: Vec<(String, String)> = t.columns.iter().map(|c| (c.name.clone(), c.ty.to_string())).collect();
        columns.sort();
        columns
    };
    let dropped: Vec<_> =
        changes.iter().filter_map(|c| if let Change::DropTable(t) = c { Some(t) } else { None }).collect();
    let created: Vec<_> =
        changes.iter().filter_map(|c| if let Change::CreateTable(t) = c { Some(t) } else { None }).collect();
    for old in &dropped {
        let alike: Vec<_> =
            created.iter().filter(|new| new.name.schema == old.name.schema && shape(new) == shape(old)).collect();
        if let [new] = alike.as_slice() {
            suspects.push(SuspectedRename {
                kind: "table",
                within: None,
                old: old.name.name.clone(),
                new: new.name.name.clone(),
            });
        }
    }
    for change in changes {
        if let Change::RemoveEnumValues { enum_name, removed, values, .. } = change {
            let Some(old) = before.enums.iter().find(|e| e.name == *enum_name) else { continue };
            let new: Vec<&String> = values.iter().filter(|v| !old.values.contains(v)).collect();
            if let ([gone], [new]) = (removed.as_slice(), new.as_slice()) {
                suspects.push(SuspectedRename {
                    kind: "enum value",
                    within: Some(enum_name.to_string()),
                    old: gone.clone(),
                    new: (*new).clone(),
                });
            }
        }
    }
    let dropped_enums: Vec<_> =
        changes.iter().filter_map(|c| if let Change::DropEnum(e) = c { Some(e) } else { None }).collect();
    for change in changes {
        if let Change::CreateEnum(new) = change {
            if let [old] = dropped_enums.iter().filter(|old| old.values == new.values).collect::<Vec<_>>().as_slice() {
                suspects.push(SuspectedRename {
                    kind: "type",
                    within: None,
                    old: old.name.name.clone(),
                    new: new.name.name.clone(),
                });
            }
        }
    }
    suspects
}
