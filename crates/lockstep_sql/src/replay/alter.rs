//! `ALTER TABLE`: columns added, dropped, renamed and changed; constraints added and dropped;
//! tables renamed; row-level security switched.

use sqlparser::ast::{AlterColumnOperation, AlterTable, AlterTableOperation, RenameTableNameKind};

use super::{Replayer, ident, qualified};
use crate::normalize::{coerce_default, normalize_parsed, schema_expr};
use crate::schema::{QualifiedName, SqlType};

impl Replayer {
    pub(super) fn alter_table(&mut self, alter: &AlterTable) {
        let name = qualified(&alter.name);
        if self.table(&name).is_none() {
            if !alter.if_exists {
                self.missing_table(
                    &name,
                    "Postgres refuses this statement: create the table in an earlier migration, or check its name",
                );
                for operation in &alter.operations {
                    if let AlterTableOperation::AddColumn { column_def, .. } = operation {
                        self.add_column(&name, column_def);
                    }
                }
            }
            return;
        }
        let mut current = name;
        for operation in &alter.operations {
            current = self.alter_operation(current, operation);
        }
    }

    /// Applies one operation; returns the table's name afterwards (it changes on rename).
    fn alter_operation(&mut self, table: QualifiedName, operation: &AlterTableOperation) -> QualifiedName {
        match operation {
            AlterTableOperation::AddColumn { if_not_exists, column_def, .. } => {
                let exists =
                    self.table(&table).is_some_and(|t| t.columns.iter().any(|c| c.name == ident(&column_def.name)));
                if !(exists && *if_not_exists) {
                    self.add_column(&table, column_def);
                }
            }
            AlterTableOperation::DropColumn { column_names, if_exists, drop_behavior, .. } => {
                let cascade = matches!(drop_behavior, Some(sqlparser::ast::DropBehavior::Cascade));
                for column in column_names {
                    self.drop_column(&table, &ident(column), *if_exists, cascade);
                }
            }
            AlterTableOperation::RenameColumn { old_column_name, new_column_name } => {
                self.rename_column(&table, &ident(old_column_name), &ident(new_column_name));
            }
            AlterTableOperation::RenameTable { table_name } => {
                let (RenameTableNameKind::As(new) | RenameTableNameKind::To(new)) = table_name;
                // The new name never takes a schema: the table stays where it is.
                let renamed = QualifiedName::new(table.schema.clone(), qualified(new).name);
                self.rename_table(&table, &renamed);
                return renamed;
            }
            AlterTableOperation::AlterColumn { column_name, op } => self.alter_column(&table, &ident(column_name), op),
            AlterTableOperation::AddConstraint { constraint, .. } => self.add_constraint(&table, constraint),
            AlterTableOperation::DropConstraint { if_exists, name, .. } => {
                self.drop_constraint(&table, &ident(name), *if_exists);
            }
            AlterTableOperation::RenameConstraint { old_name, new_name } => {
                self.rename_constraint(&table, &ident(old_name), &ident(new_name));
            }
            AlterTableOperation::EnableRowLevelSecurity => self.set_rls(&table, Some(true), None),
            AlterTableOperation::DisableRowLevelSecurity => self.set_rls(&table, Some(false), None),
            AlterTableOperation::ForceRowLevelSecurity => self.set_rls(&table, None, Some(true)),
            AlterTableOperation::NoForceRowLevelSecurity => self.set_rls(&table, None, Some(false)),
            _ => {}
        }
        table
    }

    fn set_rls(&mut self, table: &QualifiedName, enabled: Option<bool>, forced: Option<bool>) {
        if let Some(target) = self.table_mut(table) {
            if let Some(enabled) = enabled {
                target.rls_enabled = enabled;
            }
            if let Some(forced) = forced {
                target.rls_forced = forced;
            }
        }
    }

    fn alter_column(&mut self, table: &QualifiedName, column: &str, op: &AlterColumnOperation) {
        let new_type = match op {
            AlterColumnOperation::SetDataType { data_type, .. } => {
                Some(self.normalize_type(&data_type.to_string()).name)
            }
            _ => None,
        };
        let span = self.span;
        let Some(target) = self.table_mut(table).and_then(|t| t.columns.iter_mut().find(|c| c.name == column)) else {
            self.conflict(
                format!("column `{column}` of `{table}` does not exist here"),
                "Postgres refuses this statement; check the column's name",
            );
            return;
        };
        match op {
            AlterColumnOperation::SetNotNull => target.nullable = false,
            AlterColumnOperation::DropNotNull => target.nullable = true,
            AlterColumnOperation::SetDefault { value } => {
                target.default = Some(schema_expr(coerce_default(normalize_parsed(value), target.ty.as_str())));
            }
            AlterColumnOperation::DropDefault => target.default = None,
            AlterColumnOperation::SetDataType { .. } => target.ty = SqlType::new(new_type.unwrap_or_default()),
            AlterColumnOperation::AddGenerated { generated_as, .. } => {
                target.identity = Some(match generated_as {
                    Some(sqlparser::ast::GeneratedAs::Always) => crate::schema::Identity::Always,
                    _ => crate::schema::Identity::ByDefault,
                });
                target.nullable = false;
            }
            AlterColumnOperation::GenericOptions { .. } => return,
        }
        target.origin = span;
    }

    fn drop_column(&mut self, table: &QualifiedName, column: &str, if_exists: bool, cascade: bool) {
        self.drop_column_unindexed(table, column, if_exists, cascade);
        self.invalidate();
    }

    fn drop_column_unindexed(&mut self, table: &QualifiedName, column: &str, if_exists: bool, cascade: bool) {
        let Some(target) = self.table_mut(table) else { return };
        let Some(position) = target.columns.iter().position(|c| c.name == column) else {
            if !if_exists {
                self.conflict(
                    format!("column `{column}` of `{table}` does not exist here"),
                    "Postgres refuses this statement; use `drop column if exists`",
                );
            }
            return;
        };
        target.columns.remove(position);
        self.dropped.push((table.clone(), Some(column.to_owned())));
        let Some(target) = self.table_mut(table) else { return };
        let involves = |columns: &[String]| columns.iter().any(|c| c == column);
        if target.primary_key.as_ref().is_some_and(|pk| involves(&pk.columns)) {
            target.primary_key = None;
        }
        target.uniques.retain(|u| !involves(&u.columns));
        target.foreign_keys.retain(|f| !involves(&f.columns));
        target.checks.retain(|c| !mentions(c.expression.text(), column));
        if cascade {
            target.policies.retain(|p| {
                !p.using.as_ref().is_some_and(|e| mentions(e.text(), column))
                    && !p.with_check.as_ref().is_some_and(|e| mentions(e.text(), column))
            });
        }
        self.schema.indexes.retain(|i| &i.table != table || !i.columns.iter().any(|c| mentions(c, column)));
        // Foreign keys elsewhere that point at the dropped column go with it.
        for other in &mut self.schema.tables {
            other.foreign_keys.retain(|f| &f.references != table || !involves(&f.referenced_columns));
        }
    }

    fn rename_column(&mut self, table: &QualifiedName, old: &str, new: &str) {
        let span = self.span;
        let Some(target) = self.table_mut(table) else { return };
        let Some(column) = target.columns.iter_mut().find(|c| c.name == old) else {
            self.conflict(
                format!("column `{old}` of `{table}` does not exist here"),
                "Postgres refuses this statement; check the column's name",
            );
            return;
        };
        new.clone_into(&mut column.name);
        column.origin = span;
        if let Some(span) = span {
            self.renames.push(super::Rename::Column {
                table: table.clone(),
                from: old.to_owned(),
                to: new.to_owned(),
                span,
            });
        }
        let Some(target) = self.table_mut(table) else { return };
        let rename = |columns: &mut Vec<String>| {
            for c in columns.iter_mut().filter(|c| *c == old) {
                new.clone_into(c);
            }
        };
        if let Some(pk) = &mut target.primary_key {
            rename(&mut pk.columns);
        }
        target.uniques.iter_mut().for_each(|u| rename(&mut u.columns));
        target.foreign_keys.iter_mut().for_each(|f| rename(&mut f.columns));
        // Postgres stores expressions by column number, so they read the new name afterwards.
        for check in &mut target.checks {
            check.expression = schema_expr(rename_word(check.expression.text(), old, new));
        }
        for policy in &mut target.policies {
            policy.using = policy.using.as_ref().map(|e| schema_expr(rename_word(e.text(), old, new)));
            policy.with_check = policy.with_check.as_ref().map(|e| schema_expr(rename_word(e.text(), old, new)));
        }
        for position in self.indexes_on(table) {
            for c in &mut self.schema.indexes[position].columns {
                *c = rename_word(c, old, new);
            }
        }
        for position in self.referencing(table) {
            let other = &mut self.schema.tables[position];
            for key in other.foreign_keys.iter_mut().filter(|f| &f.references == table) {
                rename(&mut key.referenced_columns);
            }
        }
    }

    fn rename_table(&mut self, old: &QualifiedName, new: &QualifiedName) {
        self.rename_table_unindexed(old, new);
        self.invalidate();
    }

    fn rename_table_unindexed(&mut self, old: &QualifiedName, new: &QualifiedName) {
        if self.table(new).is_some() {
            self.conflict(format!("table `{new}` already exists"), "Postgres refuses this rename");
            return;
        }
        if let Some(target) = self.table_mut(old) {
            target.name = new.clone();
            if let Some(span) = self.span {
                for rename in &mut self.renames {
                    if let super::Rename::Column { table, .. } = rename {
                        if table == old {
                            table.clone_from(new);
                        }
                    }
                }
                self.renames.push(super::Rename::Table { from: old.clone(), to: new.clone(), span });
            }
        }
        for table in &mut self.schema.tables {
            for key in table.foreign_keys.iter_mut().filter(|f| &f.references == old) {
                key.references = new.clone();
            }
        }
        for index in self.schema.indexes.iter_mut().filter(|i| &i.table == old) {
            index.table = new.clone();
        }
        for trigger in self.schema.triggers.iter_mut().filter(|t| &t.table == old) {
            trigger.table = new.clone();
        }
    }

    fn drop_constraint(&mut self, table: &QualifiedName, name: &str, if_exists: bool) {
        self.drop_constraint_unindexed(table, name, if_exists);
        self.invalidate();
    }

    fn drop_constraint_unindexed(&mut self, table: &QualifiedName, name: &str, if_exists: bool) {
        let Some(target) = self.table_mut(table) else { return };
        let before = target.uniques.len()
            + target.foreign_keys.len()
            + target.checks.len()
            + usize::from(target.primary_key.is_some());
        if target.primary_key.as_ref().is_some_and(|pk| pk.name == name) {
            target.primary_key = None;
        }
        target.uniques.retain(|u| u.name != name);
        target.foreign_keys.retain(|f| f.name != name);
        target.checks.retain(|c| c.name != name);
        let after = target.uniques.len()
            + target.foreign_keys.len()
            + target.checks.len()
            + usize::from(target.primary_key.is_some());
        if before == after && !if_exists {
            self.conflict(
                format!("table `{table}` has no constraint `{name}` here"),
                "Postgres refuses this statement; use `drop constraint if exists`, or check the name",
            );
        }
    }

    fn rename_constraint(&mut self, table: &QualifiedName, old: &str, new: &str) {
        self.invalidate();
        let Some(target) = self.table_mut(table) else { return };
        let names = target
            .primary_key
            .iter_mut()
            .map(|k| &mut k.name)
            .chain(target.uniques.iter_mut().map(|k| &mut k.name))
            .chain(target.foreign_keys.iter_mut().map(|k| &mut k.name))
            .chain(target.checks.iter_mut().map(|k| &mut k.name));
        for name in names.filter(|n| *n == old) {
            new.clone_into(name);
        }
    }
}

/// Whether a normalised expression mentions `word` as an identifier.
pub(super) fn mentions(expression: &str, word: &str) -> bool {
    expression.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == word)
}

/// Replaces the identifier `old` by `new` in a normalised expression, outside quotes.
pub(super) fn rename_word(expression: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(expression.len());
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(if word == old { new } else { word });
        word.clear();
    };
    for c in expression.chars() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut out);
        if c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    flush(&mut word, &mut out);
    out
}
