//! `CREATE TABLE` and the column and constraint definitions it shares with `ALTER TABLE`.

use sqlparser::ast::{
    ColumnDef, ColumnOption, CreateTable, Expr, GeneratedAs, ReferentialAction as SqlAction, TableConstraint,
};

use super::names::object_name;
use super::{Replayer, ident, qualified};
use crate::normalize::{coerce_default, normalize_expr, normalize_parsed, schema_expr};
use crate::schema::{
    Check, Column, ForeignKey, Identity, KeyConstraint, QualifiedName, ReferentialAction, SqlType, Table,
};

impl Replayer {
    pub(super) fn create_table(&mut self, create: &CreateTable) {
        let name = qualified(&create.name);
        if self.table(&name).is_some() {
            if !create.if_not_exists {
                self.conflict(
                    format!("table `{name}` already exists"),
                    "Postgres refuses this statement; use `create table if not exists` or drop the table first",
                );
            }
            return;
        }
        let table = Table::new(name.clone(), self.span);
        self.add_table(table);
        for column in &create.columns {
            self.add_column(&name, column);
        }
        for constraint in &create.constraints {
            self.add_constraint(&name, constraint);
        }
    }

    /// Adds a column with its inline constraints to an existing table.
    pub(super) fn add_column(&mut self, table: &QualifiedName, def: &ColumnDef) {
        let column_name = ident(&def.name);
        let ty = self.normalize_type(&def.data_type.to_string());
        let mut column = Column {
            name: column_name.clone(),
            ty: SqlType::new(ty.name.clone()),
            nullable: true,
            default: None,
            identity: None,
            generated: None,
            comment: None,
            origin: self.span,
        };
        if ty.serial {
            column.nullable = false;
            let sequence = super::names::object_name(&table.name, Some(&column_name), "seq");
            column.default = Some(schema_expr(normalize_expr(&format!("nextval('{sequence}'::regclass)"))));
        }
        let mut constraints = Vec::new();
        for option in &def.options {
            match &option.option {
                ColumnOption::NotNull => column.nullable = false,
                ColumnOption::Null => column.nullable = true,
                ColumnOption::Default(expr) => {
                    column.default = Some(schema_expr(coerce_default(normalize_parsed(expr), &ty.name)));
                }
                ColumnOption::Generated { generated_as, generation_expr, .. } => {
                    match (generated_as, generation_expr) {
                        (_, Some(expr)) => column.generated = Some(schema_expr(normalize_parsed(expr))),
                        (GeneratedAs::Always, None) => {
                            column.identity = Some(Identity::Always);
                            column.nullable = false;
                        }
                        (_, None) => {
                            column.identity = Some(Identity::ByDefault);
                            column.nullable = false;
                        }
                    }
                }
                ColumnOption::PrimaryKey(_) => {
                    column.nullable = false;
                    constraints.push(InlineConstraint::PrimaryKey(option.name.as_ref().map(ident)));
                }
                ColumnOption::Unique(_) => constraints.push(InlineConstraint::Unique(option.name.as_ref().map(ident))),
                ColumnOption::ForeignKey(fk) => constraints.push(InlineConstraint::ForeignKey {
                    name: option.name.as_ref().or(fk.name.as_ref()).map(ident),
                    references: qualified(&fk.foreign_table),
                    columns: fk.referred_columns.iter().map(ident).collect(),
                    on_delete: action(fk.on_delete),
                    on_update: action(fk.on_update),
                }),
                ColumnOption::Check(check) => {
                    constraints.push(InlineConstraint::Check(
                        option.name.as_ref().or(check.name.as_ref()).map(ident),
                        check.expr.clone(),
                    ));
                }
                _ => {}
            }
        }
        let Some(target) = self.table_mut(table) else {
            // A column added to a table the migrations never create: kept aside, for when
            // another source (the generated types) describes the table.
            self.assumed_columns.push((table.clone(), column));
            return;
        };
        if target.columns.iter().any(|c| c.name == column_name) {
            let message = format!("column `{column_name}` of `{table}` already exists");
            self.conflict(message, "Postgres refuses this statement; use `add column if not exists`");
            return;
        }
        target.columns.push(column);
        for constraint in constraints {
            self.inline_constraint(table, &column_name, constraint);
        }
    }

    fn inline_constraint(&mut self, table: &QualifiedName, column: &str, constraint: InlineConstraint) {
        let columns = vec![column.to_owned()];
        match constraint {
            InlineConstraint::PrimaryKey(name) => self.set_primary_key(table, name, columns),
            InlineConstraint::Unique(name) => self.add_unique(table, name, columns),
            InlineConstraint::ForeignKey { name, references, columns: referenced, on_delete, on_update } => {
                let referenced = if referenced.is_empty() { self.primary_key_of(&references) } else { referenced };
                self.add_foreign_key(
                    table,
                    ForeignKey {
                        name: name.unwrap_or_default(),
                        columns,
                        references,
                        referenced_columns: referenced,
                        on_delete,
                        on_update,
                        origin: self.span,
                    },
                );
            }
            InlineConstraint::Check(name, expr) => self.add_check(table, name, &expr),
        }
    }

    /// Adds a table-level constraint, from `CREATE TABLE` or `ALTER TABLE ... ADD`.
    pub(super) fn add_constraint(&mut self, table: &QualifiedName, constraint: &TableConstraint) {
        match constraint {
            TableConstraint::PrimaryKey(pk) => {
                let columns: Vec<String> = pk.columns.iter().map(|c| index_column(&c.column.expr)).collect();
                self.set_primary_key(table, pk.name.as_ref().map(ident), columns);
            }
            TableConstraint::Unique(unique) => {
                let columns: Vec<String> = unique.columns.iter().map(|c| index_column(&c.column.expr)).collect();
                self.add_unique(table, unique.name.as_ref().map(ident), columns);
            }
            TableConstraint::ForeignKey(fk) => {
                let references = qualified(&fk.foreign_table);
                let target_columns: Vec<String> = fk.referred_columns.iter().map(ident).collect();
                let target_columns =
                    if target_columns.is_empty() { self.primary_key_of(&references) } else { target_columns };
                let key = ForeignKey {
                    name: fk.name.as_ref().map(ident).unwrap_or_default(),
                    columns: fk.columns.iter().map(ident).collect(),
                    references,
                    referenced_columns: target_columns,
                    on_delete: action(fk.on_delete),
                    on_update: action(fk.on_update),
                    origin: self.span,
                };
                self.add_foreign_key(table, key);
            }
            TableConstraint::Check(check) => self.add_check(table, check.name.as_ref().map(ident), &check.expr),
            _ => {}
        }
    }

    fn primary_key_of(&mut self, table: &QualifiedName) -> Vec<String> {
        self.table(table).and_then(|t| t.primary_key.as_ref()).map(|pk| pk.columns.clone()).unwrap_or_default()
    }

    fn choose_name(&mut self, table: &QualifiedName, columns: Option<&str>, label: &str) -> String {
        let mut n = 0;
        loop {
            let label = if n == 0 { label.to_owned() } else { format!("{label}{n}") };
            let candidate = object_name(&table.name, columns, &label);
            if !self.name_taken(&table.schema, &candidate) {
                self.note_name(&table.schema, &candidate);
                return candidate;
            }
            n += 1;
        }
    }

    fn set_primary_key(&mut self, table: &QualifiedName, name: Option<String>, columns: Vec<String>) {
        let name = name.unwrap_or_else(|| self.choose_name(table, None, "pkey"));
        let span = self.span;
        let Some(target) = self.table_mut(table) else { return };
        if target.primary_key.is_some() {
            let message = format!("table `{table}` already has a primary key");
            self.conflict(message, "Postgres refuses a second primary key; drop the first one");
            return;
        }
        for column in target.columns.iter_mut().filter(|c| columns.contains(&c.name)) {
            column.nullable = false;
        }
        target.primary_key = Some(KeyConstraint { name, columns, origin: span });
    }

    fn add_unique(&mut self, table: &QualifiedName, name: Option<String>, columns: Vec<String>) {
        let name = name.unwrap_or_else(|| self.choose_name(table, Some(&columns.join("_")), "key"));
        let span = self.span;
        if let Some(target) = self.table_mut(table) {
            target.uniques.push(KeyConstraint { name, columns, origin: span });
        }
    }

    fn add_foreign_key(&mut self, table: &QualifiedName, mut key: ForeignKey) {
        // A reference to a table the migrations never create: made elsewhere.
        if self.table(&key.references).is_none() {
            self.assume_table(&key.references);
        } else if key.referenced_columns.is_empty() {
            // `references t` without a column list names `t`'s primary key.
            let target = key.references.clone();
            key.referenced_columns = self.primary_key_of(&target);
            if key.referenced_columns.is_empty() {
                self.conflict(
                    format!("table `{target}` has no primary key for this reference to name"),
                    "Postgres refuses this statement; list the referenced columns, or create the table's primary key first",
                );
                return;
            }
        }
        if key.name.is_empty() {
            key.name = self.choose_name(table, Some(&key.columns.join("_")), "fkey");
        }
        let Some(position) = self.table_position(table) else { return };
        let references = key.references.clone();
        self.schema.tables[position].foreign_keys.push(key);
        self.note_reference(position, &references);
    }

    /// Postgres names an unnamed check after the one column it references, if it references
    /// exactly one, whether it was written on a column or on the table.
    fn add_check(&mut self, table: &QualifiedName, name: Option<String>, expr: &Expr) {
        let expression = normalize_parsed(expr);
        let name = name.unwrap_or_else(|| {
            let columns: Vec<String> =
                self.table(table).map(|t| t.columns.iter().map(|c| c.name.clone()).collect()).unwrap_or_default();
            let single = single_column(&expression, &columns);
            self.choose_name(table, single.as_deref(), "check")
        });
        let span = self.span;
        if let Some(target) = self.table_mut(table) {
            target.checks.push(Check { name, expression: schema_expr(expression), origin: span });
        }
    }
}

enum InlineConstraint {
    PrimaryKey(Option<String>),
    Unique(Option<String>),
    ForeignKey {
        name: Option<String>,
        references: QualifiedName,
        columns: Vec<String>,
        on_delete: ReferentialAction,
        on_update: ReferentialAction,
    },
    Check(Option<String>, Box<Expr>),
}

pub(super) fn action(action: Option<SqlAction>) -> ReferentialAction {
    match action {
        None | Some(SqlAction::NoAction) => ReferentialAction::NoAction,
        Some(SqlAction::Restrict) => ReferentialAction::Restrict,
        Some(SqlAction::Cascade) => ReferentialAction::Cascade,
        Some(SqlAction::SetNull) => ReferentialAction::SetNull,
        Some(SqlAction::SetDefault) => ReferentialAction::SetDefault,
    }
}

/// An index or key column: a plain column name, or a normalised expression.
pub(super) fn index_column(expr: &Expr) -> String {
    match expr {
        Expr::Identifier(i) => ident(i),
        other => normalize_parsed(other),
    }
}

/// The one column of `columns` a normalised expression mentions, if exactly one.
fn single_column(expression: &str, columns: &[String]) -> Option<String> {
    let mut found: Vec<&str> = expression
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| columns.iter().any(|c| c == word))
        .collect();
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [one] => Some((*one).to_owned()),
        _ => None,
    }
}
