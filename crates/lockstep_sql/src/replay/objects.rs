//! Everything but tables: indexes, enum types, policies, views, functions, triggers, schemas,
//! comments, and `DROP` of any of them.

use sqlparser::ast::{
    AlterFunction, AlterFunctionKind, AlterFunctionOperation, AlterPolicy, AlterPolicyOperation, AlterType,
    AlterTypeAddValuePosition, AlterTypeOperation, ArgMode, CommentObject, CreateFunction, CreateIndex, CreatePolicy,
    CreatePolicyCommand, CreatePolicyType, CreateTrigger, DropFunction, DropPolicy, DropTrigger, FunctionReturnType,
    ObjectName, ObjectType, OperateFunctionArg, Owner, SchemaName, UserDefinedTypeRepresentation,
};

use super::names::choose;
use super::table::index_column;
use super::{Replayer, ident, qualified};
use crate::normalize::{normalize_parsed, schema_expr, unqualify};
use crate::schema::{EnumType, Function, Index, Policy, PolicyCommand, QualifiedName, SqlType, Trigger, View};

impl Replayer {
    pub(super) fn create_index(&mut self, create: &CreateIndex) {
        let table = qualified(&create.table_name);
        if self.table(&table).is_none() {
            self.missing_table(&table, "Postgres refuses this statement; create the table first");
            return;
        }
        let columns: Vec<String> = create.columns.iter().map(|c| index_column(&c.column.expr)).collect();
        let name = if let Some(name) = &create.name {
            QualifiedName::new(table.schema.clone(), qualified(name).name)
        } else {
            // Postgres names an index after its table and the first word of each column.
            let words: Vec<String> = columns
                .iter()
                .map(|c| c.split(|ch: char| !(ch.is_alphanumeric() || ch == '_')).next().unwrap_or("expr").to_owned())
                .collect();
            let schema = table.schema.clone();
            let chosen = choose(&table.name, Some(&words.join("_")), "idx", &mut |n| self.name_taken(&schema, n));
            QualifiedName::new(table.schema.clone(), chosen)
        };
        if self.name_taken(&name.schema, &name.name) && self.schema.index(&name).is_some() {
            if !create.if_not_exists {
                self.conflict(
                    format!("index `{name}` already exists"),
                    "Postgres refuses this statement; use `create index if not exists`",
                );
            }
            return;
        }
        self.add_index(Index {
            name,
            table,
            unique: create.unique,
            partial: create.predicate.is_some(),
            columns,
            origin: self.span,
        });
    }

    pub(super) fn create_type(&mut self, name: &ObjectName, representation: Option<&UserDefinedTypeRepresentation>) {
        let Some(UserDefinedTypeRepresentation::Enum { labels }) = representation else { return };
        let name = qualified(name);
        if self.schema.enum_type(&name).is_some() {
            self.conflict(
                format!("type `{name}` already exists"),
                "Postgres refuses this statement; a `do` block or `drop type` is needed first",
            );
            return;
        }
        let values = labels.iter().map(|l| l.value.clone()).collect();
        self.schema.enums.push(EnumType { name, values, origin: self.span });
    }

    pub(super) fn alter_type(&mut self, alter: &AlterType) {
        let name = qualified(&alter.name);
        let span = self.span;
        let Some(target) = self.schema.enum_type_mut(&name) else {
            self.conflict(
                format!("type `{name}` does not exist here"),
                "Postgres refuses this statement; check the type's name",
            );
            return;
        };
        match &alter.operation {
            AlterTypeOperation::AddValue(add) => {
                let value = add.value.value.clone();
                if target.values.contains(&value) {
                    if !add.if_not_exists {
                        self.conflict(
                            format!("enum `{name}` already has the value `{value}`"),
                            "use `add value if not exists`",
                        );
                    }
                    return;
                }
                let position = match &add.position {
                    Some(AlterTypeAddValuePosition::Before(other)) => {
                        target.values.iter().position(|v| *v == other.value)
                    }
                    Some(AlterTypeAddValuePosition::After(other)) => {
                        target.values.iter().position(|v| *v == other.value).map(|p| p + 1)
                    }
                    None => Some(target.values.len()),
                };
                let Some(position) = position else {
                    self.conflict(
                        format!("enum `{name}` has no value to place `{value}` next to"),
                        "check the `before`/`after` value",
                    );
                    return;
                };
                target.values.insert(position, value);
            }
            AlterTypeOperation::RenameValue(rename) => {
                let Some(value) = target.values.iter_mut().find(|v| **v == rename.from.value) else {
                    let message = format!("enum `{name}` has no value `{}`", rename.from.value);
                    self.conflict(message, "check the value's spelling");
                    return;
                };
                value.clone_from(&rename.to.value);
            }
            AlterTypeOperation::Rename(rename) => {
                let renamed = QualifiedName::new(name.schema.clone(), ident(&rename.new_name));
                target.name = renamed.clone();
                let old_printed = printed_type(&name);
                let new_printed = printed_type(&renamed);
                for column in self.schema.tables.iter_mut().flat_map(|t| t.columns.iter_mut()) {
                    if column.ty == *old_printed {
                        column.ty = SqlType::new(new_printed.clone());
                    } else if column.ty == *format!("{old_printed}[]") {
                        column.ty = SqlType::new(format!("{new_printed}[]"));
                    }
                }
            }
        }
        if let Some(target) = self.schema.enum_type_mut(&name) {
            target.origin = span;
        }
    }

    pub(super) fn create_policy(&mut self, create: &CreatePolicy) {
        let table = qualified(&create.table_name);
        let name = ident(&create.name);
        let policy = Policy {
            name: name.clone(),
            command: match create.command {
                None | Some(CreatePolicyCommand::All) => PolicyCommand::All,
                Some(CreatePolicyCommand::Select) => PolicyCommand::Select,
                Some(CreatePolicyCommand::Insert) => PolicyCommand::Insert,
                Some(CreatePolicyCommand::Update) => PolicyCommand::Update,
                Some(CreatePolicyCommand::Delete) => PolicyCommand::Delete,
            },
            permissive: !matches!(create.policy_type, Some(CreatePolicyType::Restrictive)),
            roles: roles(create.to.as_deref()),
            using: create.using.as_ref().map(|e| schema_expr(unqualify(&normalize_parsed(e), &table.name))),
            with_check: create.with_check.as_ref().map(|e| schema_expr(unqualify(&normalize_parsed(e), &table.name))),
            origin: self.span,
        };
        if self.table(&table).is_none() {
            self.missing_table(&table, "Postgres refuses this statement; create the table first");
            return;
        }
        let Some(target) = self.table_mut(&table) else { return };
        if target.policies.iter().any(|p| p.name == name) {
            self.conflict(
                format!("policy `{name}` already exists on `{table}`"),
                "Postgres refuses this statement; drop the policy first (`drop policy if exists`)",
            );
            return;
        }
        target.policies.push(policy);
    }

    pub(super) fn alter_policy(&mut self, alter: &AlterPolicy) {
        let table = qualified(&alter.table_name);
        let name = ident(&alter.name);
        let span = self.span;
        let Some(policy) = self.table_mut(&table).and_then(|t| t.policies.iter_mut().find(|p| p.name == name)) else {
            self.conflict(
                format!("policy `{name}` does not exist on `{table}` here"),
                "Postgres refuses this statement; check the policy's name",
            );
            return;
        };
        match &alter.operation {
            AlterPolicyOperation::Rename { new_name } => policy.name = ident(new_name),
            AlterPolicyOperation::Apply { to, using, with_check } => {
                if let Some(to) = to {
                    policy.roles = roles(Some(to));
                }
                if let Some(using) = using {
                    policy.using = Some(schema_expr(unqualify(&normalize_parsed(using), &table.name)));
                }
                if let Some(with_check) = with_check {
                    policy.with_check = Some(schema_expr(unqualify(&normalize_parsed(with_check), &table.name)));
                }
            }
        }
        policy.origin = span;
    }

    pub(super) fn drop_policy(&mut self, drop: &DropPolicy) {
        let table = qualified(&drop.table_name);
        let name = ident(&drop.name);
        let removed = self.table_mut(&table).map(|t| {
            let before = t.policies.len();
            t.policies.retain(|p| p.name != name);
            before != t.policies.len()
        });
        if removed != Some(true) && !drop.if_exists {
            self.conflict(
                format!("policy `{name}` does not exist on `{table}` here"),
                "Postgres refuses this statement; use `drop policy if exists`",
            );
        }
    }

    pub(super) fn create_view(&mut self, create: &sqlparser::ast::CreateView) {
        let name = qualified(&create.name);
        let columns = if create.columns.is_empty() {
            self.view_columns(&create.query)
        } else {
            Some(create.columns.iter().map(|c| ident(&c.name)).collect())
        };
        if let Some(existing) = self.schema.views.iter_mut().find(|v| v.name == name) {
            if !create.or_replace {
                let message = format!("view `{name}` already exists");
                self.conflict(message, "Postgres refuses this statement; use `create or replace view`");
                return;
            }
            existing.columns = columns;
            existing.origin = self.span;
            return;
        }
        self.note_name(&name.schema, &name.name);
        self.schema.views.push(View { name, materialized: create.materialized, columns, origin: self.span });
    }

    pub(super) fn create_function(&mut self, create: &CreateFunction) {
        let name = qualified(&create.name);
        if let Some(span) = self.span {
            for table in super::uses::relations_in_function(create) {
                self.used_in_bodies.push((table, span));
            }
        }
        let arguments = self.argument_types(create.args.as_deref().unwrap_or_default());
        let returns = match &create.return_type {
            // `returns table (...)` is `setof` the one column's type, or `setof record`.
            Some(FunctionReturnType::DataType(sqlparser::ast::DataType::Table(Some(columns)))) => {
                match columns.as_slice() {
                    [one] => format!("setof {}", self.normalize_type(&one.data_type.to_string()).name),
                    _ => "setof record".to_owned(),
                }
            }
            Some(FunctionReturnType::DataType(ty)) => self.normalize_type(&ty.to_string()).name,
            Some(FunctionReturnType::SetOf(ty)) => format!("setof {}", self.normalize_type(&ty.to_string()).name),
            // Without `returns`, the output arguments are the result: one is its type, more a record.
            None => {
                let outputs: Vec<&OperateFunctionArg> = create
                    .args
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .filter(|a| matches!(a.mode, Some(ArgMode::Out | ArgMode::InOut)))
                    .collect();
                match outputs.as_slice() {
                    [] => "void".to_owned(),
                    [one] => self.normalize_type(&one.data_type.to_string()).name,
                    _ => "record".to_owned(),
                }
            }
        };
        let argument_names = input_arguments(create.args.as_deref().unwrap_or_default())
            .map(|a| a.name.as_ref().map_or_else(String::new, super::ident))
            .collect();
        let result_columns = match &create.return_type {
            Some(FunctionReturnType::DataType(sqlparser::ast::DataType::Table(Some(columns)))) => columns
                .iter()
                .map(|c| (super::ident(&c.name), self.normalize_type(&c.data_type.to_string()).name))
                .collect(),
            _ => create
                .args
                .as_deref()
                .unwrap_or_default()
                .iter()
                .filter(|a| matches!(a.mode, Some(ArgMode::Out | ArgMode::InOut)))
                .map(|a| {
                    let name = a.name.as_ref().map_or_else(String::new, super::ident);
                    (name, self.normalize_type(&a.data_type.to_string()).name)
                })
                .collect(),
        };
        // Postgres requires every input argument after one with a default to have one too.
        let defaulted_arguments = input_arguments(create.args.as_deref().unwrap_or_default())
            .rev()
            .take_while(|a| a.default_expr.is_some())
            .count();
        let function = Function {
            name: name.clone(),
            arguments,
            argument_names,
            returns,
            result_columns,
            defaulted_arguments,
            origin: self.span,
        };
        if let Some(existing) =
            self.schema.functions.iter_mut().find(|f| f.name == name && f.arguments == function.arguments)
        {
            if !create.or_replace {
                self.conflict(
                    format!("function `{name}` already exists with these arguments"),
                    "use `create or replace function`",
                );
                return;
            }
            *existing = function;
            return;
        }
        self.schema.functions.push(function);
    }

    fn argument_types(&self, args: &[OperateFunctionArg]) -> Vec<String> {
        input_arguments(args).map(|a| self.normalize_type(&a.data_type.to_string()).name).collect()
    }

    /// `alter function f(args) rename to g` and `set schema s`; the other alterations (owner,
    /// volatility, security) do not change what a caller sees.
    pub(super) fn alter_function(&mut self, alter: &AlterFunction) {
        if alter.kind != AlterFunctionKind::Function {
            return;
        }
        let name = qualified(&alter.function.name);
        let arguments = alter.function.args.as_ref().map(|args| self.argument_types(args));
        let targets: Vec<usize> = (0..self.schema.functions.len())
            .filter(|&i| {
                let f = &self.schema.functions[i];
                f.name == name && arguments.as_ref().is_none_or(|a| *a == f.arguments)
            })
            .collect();
        if targets.is_empty() && self.assume_function(&name) {
            return;
        }
        if targets.len() != 1 {
            let problem = if targets.is_empty() { "does not exist here" } else { "is overloaded: name its arguments" };
            self.conflict(format!("function `{name}` {problem}"), "Postgres refuses this statement");
            return;
        }
        let function = &mut self.schema.functions[targets[0]];
        match &alter.operation {
            AlterFunctionOperation::RenameTo { new_name } => function.name.name = super::ident(new_name),
            AlterFunctionOperation::SetSchema { schema_name } => {
                function.name.schema = qualified(schema_name).name;
            }
            _ => {}
        }
    }

    pub(super) fn drop_function(&mut self, drop: &DropFunction) {
        for desc in &drop.func_desc {
            let name = qualified(&desc.name);
            let arguments = desc.args.as_ref().map(|args| self.argument_types(args));
            let before = self.schema.functions.len();
            self.schema.functions.retain(|f| f.name != name || arguments.as_ref().is_some_and(|a| *a != f.arguments));
            if before == self.schema.functions.len() && !drop.if_exists {
                self.conflict(
                    format!("function `{name}` does not exist here"),
                    "Postgres refuses this statement; use `drop function if exists`",
                );
            }
        }
    }

    pub(super) fn create_trigger(&mut self, create: &CreateTrigger) {
        let table = qualified(&create.table_name);
        self.uses_table(&table);
        let name = qualified(&create.name).name;
        let function =
            create.exec_body.as_ref().map_or_else(|| QualifiedName::public(""), |body| qualified(&body.func_desc.name));
        if let Some(existing) = self.schema.triggers.iter_mut().find(|t| t.table == table && t.name == name) {
            if create.or_replace {
                existing.function = function;
                existing.origin = self.span;
            } else {
                let message = format!("trigger `{name}` already exists on `{table}`");
                self.conflict(message, "Postgres refuses this statement; drop the trigger first");
            }
            return;
        }
        self.schema.triggers.push(Trigger { name, table, function, origin: self.span });
    }

    pub(super) fn drop_trigger(&mut self, drop: &DropTrigger) {
        let name = qualified(&drop.trigger_name).name;
        let table = drop.table_name.as_ref().map(qualified);
        let before = self.schema.triggers.len();
        self.schema.triggers.retain(|t| t.name != name || table.as_ref().is_some_and(|tb| *tb != t.table));
        if before == self.schema.triggers.len() && !drop.if_exists {
            self.conflict(
                format!("trigger `{name}` does not exist here"),
                "Postgres refuses this statement; use `drop trigger if exists`",
            );
        }
    }

    pub(super) fn create_schema(&mut self, name: &SchemaName) {
        let schema = match name {
            SchemaName::Simple(name) | SchemaName::NamedAuthorization(name, _) => qualified(name).name,
            SchemaName::UnnamedAuthorization(role) => ident(role),
        };
        if schema != "public" && !self.schema.schemas.contains(&schema) {
            self.schema.schemas.push(schema);
        }
    }

    pub(super) fn comment(&mut self, object: CommentObject, name: &ObjectName, comment: Option<&str>) {
        match object {
            CommentObject::Table => {
                if let Some(table) = self.table_mut(&qualified(name)) {
                    table.comment = comment.map(str::to_owned);
                }
            }
            CommentObject::Column => {
                // `table.column` or `schema.table.column`.
                let parts = &name.0;
                if parts.len() < 2 {
                    return;
                }
                let column = qualified(&ObjectName(parts[parts.len() - 1..].to_vec())).name;
                let table = qualified(&ObjectName(parts[..parts.len() - 1].to_vec()));
                if let Some(column) =
                    self.table_mut(&table).and_then(|t| t.columns.iter_mut().find(|c| c.name == column))
                {
                    column.comment = comment.map(str::to_owned);
                }
            }
            _ => {}
        }
    }

    pub(super) fn drop(&mut self, object: ObjectType, if_exists: bool, names: &[ObjectName], cascade: bool) {
        self.invalidate();
        for name in names {
            let name = qualified(name);
            let found = match object {
                ObjectType::Table => self.drop_table(&name, cascade),
                ObjectType::View | ObjectType::MaterializedView => remove(&mut self.schema.views, |v| v.name == name),
                ObjectType::Index => remove(&mut self.schema.indexes, |i| i.name == name),
                ObjectType::Type => remove(&mut self.schema.enums, |e| e.name == name),
                ObjectType::Schema => {
                    let found = remove(&mut self.schema.schemas, |s| *s == name.name);
                    if cascade {
                        let schema = name.name.clone();
                        self.schema.tables.retain(|t| t.name.schema != schema);
                        self.schema.enums.retain(|e| e.name.schema != schema);
                        self.schema.views.retain(|v| v.name.schema != schema);
                        self.schema.functions.retain(|f| f.name.schema != schema);
                        self.schema.indexes.retain(|i| i.name.schema != schema);
                    }
                    found
                }
                _ => true,
            };
            if !found && !if_exists {
                self.conflict(
                    format!("`{name}` does not exist here"),
                    "Postgres refuses this statement; use `drop ... if exists`",
                );
            }
        }
        self.invalidate();
    }

    fn drop_table(&mut self, name: &QualifiedName, cascade: bool) -> bool {
        if !remove(&mut self.schema.tables, |t| &t.name == name) {
            return false;
        }
        self.dropped.push((name.clone(), None));
        self.schema.indexes.retain(|i| &i.table != name);
        self.schema.triggers.retain(|t| &t.table != name);
        if cascade {
            for table in &mut self.schema.tables {
                table.foreign_keys.retain(|f| &f.references != name);
            }
        }
        true
    }
}

fn remove<T>(items: &mut Vec<T>, matches: impl Fn(&T) -> bool) -> bool {
    let before = items.len();
    items.retain(|item| !matches(item));
    before != items.len()
}

/// Policy roles as Postgres stores them: sorted, `public` when none is named.
fn roles(owners: Option<&[Owner]>) -> Vec<String> {
    let mut roles: Vec<String> = owners
        .unwrap_or_default()
        .iter()
        .map(|owner| match owner {
            Owner::Ident(i) => ident(i),
            Owner::CurrentRole => "current_role".to_owned(),
            Owner::CurrentUser => "current_user".to_owned(),
            Owner::SessionUser => "session_user".to_owned(),
        })
        .collect();
    if roles.is_empty() {
        roles.push("public".to_owned());
    }
    roles.sort();
    roles.dedup();
    roles
}

fn printed_type(name: &QualifiedName) -> String {
    if name.schema == "public" { name.name.clone() } else { name.to_string() }
}

/// The arguments a caller passes: all but `out` ones.
fn input_arguments(args: &[OperateFunctionArg]) -> impl DoubleEndedIterator<Item = &OperateFunctionArg> {
    args.iter().filter(|a| !matches!(a.mode, Some(ArgMode::Out)))
}
