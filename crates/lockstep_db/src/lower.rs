//! Lowering: the contract's data side as the [`Schema`] a database built from it has, with the
//! contract element every object came from. The one place that says which column type, default,
//! key, foreign key action, check and policy a contract element means.

use std::collections::BTreeMap;

use lockstep_contract::model::{
    AuthProperty, Contract, Default, Entity, Field, FieldType, ForeignTarget, Literal, OnDelete, Operation, PolicyExpr,
};
use lockstep_sql::normalize::{normalize_expr, quote_ident, schema_expr};
use lockstep_sql::replay::names::choose;
use lockstep_sql::schema::{
    Check, Column, EnumType, Expr, ForeignKey, Identity, Index, KeyConstraint, Policy, PolicyCommand, QualifiedName,
    ReferentialAction, Schema, SqlType, Table, View,
};

use crate::object::{Element, Origin};
use lockstep_schema::object::Object;

/// The contract in database terms. Expressions carry their canonical form and types are in
/// `format_type` spelling, as the replay and the introspection build them, so the two compare
/// without parsing.
#[derive(Clone, Debug, Default)]
pub struct Lowered {
    pub schema: Schema,
    /// Every table, column, constraint, index, policy, enum (and enum value) and view of
    /// `schema`, with the element it came from.
    pub origins: BTreeMap<Object, Origin>,
    /// Whether `origins` is filled: `check` needs only the schema.
    keep_origins: bool,
}

impl Lowered {
    fn record(&mut self, object: Object, origin: Origin) {
        if self.keep_origins {
            self.origins.insert(object, origin);
        }
    }

    pub fn origin(&self, object: &Object) -> Option<&Origin> {
        self.origins.get(object)
    }
}

/// Lowers the data side of a contract: enums, entities (tables, or views for `@view`), their
/// keys, foreign keys, checks, indexes, row-level security and policies. Functions and buckets
/// are not lowered: the contract declares their signatures, not their definitions.
pub fn lower(contract: &Contract) -> Lowered {
    lower_into(contract, Lowered { keep_origins: true, ..Lowered::default() })
}

/// The lowered schema alone, without the origins map: what the db rules compare with. On a
/// large contract the map is most of the lowering's memory.
pub fn lower_schema(contract: &Contract) -> Schema {
    lower_into(contract, Lowered::default()).schema
}

fn lower_into(contract: &Contract, mut lowered: Lowered) -> Lowered {
    for declared in &contract.enums {
        let name = QualifiedName::public(declared.db_name.clone());
        let span = declared.origin.span;
        lowered.record(Object::Enum(name.clone()), Origin { element: Element::Enum(declared.name.clone()), span });
        for value in &declared.values {
            lowered.record(
                Object::EnumValue { enum_name: name.clone(), value: value.name.clone() },
                Origin {
                    element: Element::EnumValue { enum_name: declared.name.clone(), value: value.name.clone() },
                    span: value.origin.span,
                },
            );
        }
        lowered.schema.enums.push(EnumType {
            name,
            values: declared.values.iter().map(|v| v.name.clone()).collect(),
            origin: None,
        });
    }
    for entity in &contract.entities {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        if entity.schema != "public" {
            lowered.schema.schemas.push(entity.schema.clone());
        }
        if entity.view {
            let origin = Origin { element: Element::Entity(entity.name.clone()), span: entity.origin.span };
            lowered.record(Object::View(name.clone()), origin);
            let columns = entity.fields.iter().map(|f| f.db_name.clone()).collect();
            lowered.schema.views.push(View { name, materialized: false, columns: Some(columns), origin: None });
            continue;
        }
        table(&mut lowered, contract, entity, &name);
    }
    lowered.schema.sort();
    lowered
}

fn table(lowered: &mut Lowered, contract: &Contract, entity: &Entity, name: &QualifiedName) {
    let entity_origin = Origin { element: Element::Entity(entity.name.clone()), span: entity.origin.span };
    let field_origin = |field: &Field| Origin {
        element: Element::Field { entity: entity.name.clone(), field: field.name.clone() },
        span: field.origin.span,
    };
    let constraint =
        |constraint_name: &str| Object::Constraint { table: name.clone(), name: constraint_name.to_owned() };
    let columns_of = |fields: &[String]| -> Option<Vec<String>> {
        fields.iter().map(|f| entity.field(f).map(|field| field.db_name.clone())).collect()
    };
    let mut table = Table { rls_enabled: !entity.policies.is_empty(), ..Table::new(name.clone(), None) };
    lowered.record(Object::Table(name.clone()), entity_origin.clone());
    for field in &entity.fields {
        let in_key = entity.primary_key.contains(&field.name);
        let (default, identity) = default_of(field.default.as_ref());
        table.columns.push(Column {
            name: field.db_name.clone(),
            ty: SqlType::new(column_type(contract, &field.ty)),
            // Postgres makes key and identity columns `not null` whatever the column says.
            nullable: field.nullable && !in_key && identity.is_none(),
            default,
            identity,
            generated: None,
            comment: None,
            origin: None,
        });
        lowered.record(Object::Column { table: name.clone(), column: field.db_name.clone() }, field_origin(field));
    }
    // Constraint names are those Postgres would choose for the unnamed constraint, so a plan
    // and a hand-written migration name them alike. Unique and primary key names are relation
    // names too (their index), checked against each other.
    let mut taken: Vec<String> = Vec::new();
    if let Some(columns) = columns_of(&entity.primary_key).filter(|c| !c.is_empty()) {
        let key_name = choose(&name.name, None, "pkey", &mut |n| taken.iter().any(|t| t == n));
        taken.push(key_name.clone());
        let origin = match entity.primary_key.as_slice() {
            [single] => entity.field(single).map_or_else(|| entity_origin.clone(), field_origin),
            _ => entity_origin.clone(),
        };
        lowered.record(constraint(&key_name), origin);
        table.primary_key = Some(KeyConstraint { name: key_name, columns, origin: None });
    }
    for unique in &entity.uniques {
        let Some(columns) = columns_of(unique) else { continue };
        // A unique on the key's columns, or declared twice, adds nothing Postgres would keep apart.
        let same = |other: &[String]| sorted(other) == sorted(&columns);
        if table.primary_key.as_ref().is_some_and(|pk| same(&pk.columns))
            || table.uniques.iter().any(|u| same(&u.columns))
        {
            continue;
        }
        let key_name = choose(&name.name, Some(&columns.join("_")), "key", &mut |n| taken.iter().any(|t| t == n));
        taken.push(key_name.clone());
        let origin = match unique.as_slice() {
            [single] => entity.field(single).map_or_else(|| entity_origin.clone(), field_origin),
            _ => entity_origin.clone(),
        };
        lowered.record(constraint(&key_name), origin);
        table.uniques.push(KeyConstraint { name: key_name, columns, origin: None });
    }
    foreign_keys(lowered, contract, entity, &mut table);
    for sql in &entity.checks {
        let expression = schema_expr(sql.clone());
        if table.checks.iter().any(|c| c.expression == expression) {
            continue;
        }
        let check_name = choose(&name.name, None, "check", &mut |n| table.checks.iter().any(|c| c.name == n));
        lowered.record(constraint(&check_name), entity_origin.clone());
        table.checks.push(Check { name: check_name, expression, origin: None });
    }
    indexes(lowered, entity, name, &taken);
    policies(lowered, contract, entity, &mut table);
    lowered.schema.tables.push(table);
}

/// The table and column a reference points at, under their database names; `None` when it
/// names an entity `entity` does not know.
pub fn reference_target<'c>(
    reference: &lockstep_contract::model::ForeignKey,
    entity: impl Fn(&str) -> Option<&'c Entity>,
) -> Option<(QualifiedName, String)> {
    Some(match &reference.target {
        ForeignTarget::Entity(name) => {
            let target = entity(name)?;
            let column = target.field(&reference.field).map_or_else(|| reference.field.clone(), |f| f.db_name.clone());
            (QualifiedName::new(target.schema.clone(), target.table.clone()), column)
        }
        ForeignTarget::External { schema, table } => {
            (QualifiedName::new(schema.clone(), table.clone()), reference.field.clone())
        }
    })
}

/// A foreign key per field with a reference, to an entity's table or a table outside the
/// contract (`auth.users`).
fn foreign_keys(lowered: &mut Lowered, contract: &Contract, entity: &Entity, table: &mut Table) {
    for field in &entity.fields {
        let Some(reference) = &field.references else { continue };
        let Some((references, column)) = reference_target(reference, |name| contract.entity(name)) else { continue };
        let key_name = choose(&table.name.name, Some(&field.db_name), "fkey", &mut |n| {
            table.foreign_keys.iter().any(|k| k.name == n)
        });
        let origin = Origin {
            element: Element::Field { entity: entity.name.clone(), field: field.name.clone() },
            span: field.origin.span,
        };
        lowered.record(Object::Constraint { table: table.name.clone(), name: key_name.clone() }, origin);
        table.foreign_keys.push(ForeignKey {
            name: key_name,
            columns: vec![field.db_name.clone()],
            references,
            referenced_columns: vec![column],
            on_delete: referential_action(reference.on_delete),
            on_update: ReferentialAction::NoAction,
            origin: None,
        });
    }
}

/// `@index` and `@@index`: plain indexes, named as Postgres names them; `taken` holds the
/// table's key names, which are index names too.
fn indexes(lowered: &mut Lowered, entity: &Entity, name: &QualifiedName, taken: &[String]) {
    let entity_origin = Origin { element: Element::Entity(entity.name.clone()), span: entity.origin.span };
    let field_origin = |field: &Field| Origin {
        element: Element::Field { entity: entity.name.clone(), field: field.name.clone() },
        span: field.origin.span,
    };
    let columns_of = |fields: &[String]| -> Option<Vec<String>> {
        fields.iter().map(|f| entity.field(f).map(|field| field.db_name.clone())).collect()
    };
    for index in &entity.indexes {
        let Some(columns) = columns_of(&index.fields) else { continue };
        let exists = lowered.schema.indexes.iter().any(|i| &i.table == name && i.columns == columns);
        if exists {
            continue;
        }
        let index_name = choose(&name.name, Some(&columns.join("_")), "idx", &mut |n| {
            taken.iter().any(|t| t == n) || lowered.schema.indexes.iter().any(|i| i.name.name == n)
        });
        let index_name = QualifiedName::new(name.schema.clone(), index_name);
        let origin = match index.fields.as_slice() {
            [single] => entity.field(single).map_or_else(|| entity_origin.clone(), field_origin),
            _ => entity_origin.clone(),
        };
        lowered.record(Object::Index(index_name.clone()), origin);
        lowered.schema.indexes.push(Index {
            name: index_name,
            table: name.clone(),
            unique: false,
            partial: false,
            columns,
            origin: None,
        });
    }
}

/// One permissive policy per operation of each rule, named `<table>_<command>_policy`.
fn policies(lowered: &mut Lowered, contract: &Contract, entity: &Entity, table: &mut Table) {
    let name = table.name.clone();
    for policy in &entity.policies {
        let command = policy_command(policy.operation);
        let label = format!("{}_policy", command.as_str());
        let policy_name = choose(&name.name, None, &label, &mut |n| table.policies.iter().any(|p| p.name == n));
        let mut roles = policy.roles.clone();
        if roles.is_empty() {
            roles.push("public".to_owned());
        }
        roles.sort();
        roles.dedup();
        lowered.record(
            Object::Policy { table: name.clone(), name: policy_name.clone() },
            Origin {
                element: Element::Policy { entity: entity.name.clone(), operation: policy.operation },
                span: policy.span,
            },
        );
        table.policies.push(Policy {
            name: policy_name,
            command,
            permissive: true,
            roles,
            using: policy.using.as_ref().map(|e| schema_expr(policy_sql(contract, entity, e))),
            with_check: policy.check.as_ref().map(|e| schema_expr(policy_sql(contract, entity, e))),
            // The rule's span: how the db rules pair a rule with its lowered policy.
            origin: Some(policy.span),
        });
    }
}

fn sorted(columns: &[String]) -> Vec<&str> {
    let mut columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    columns.sort_unstable();
    columns
}

/// The column type as `format_type` prints it.
pub fn column_type(contract: &Contract, ty: &FieldType) -> String {
    match ty {
        FieldType::Scalar(scalar) => scalar.sql_name(),
        FieldType::Enum(name) => {
            contract.enumeration(name).map_or_else(|| quote_ident(name), |e| quote_ident(&e.db_name))
        }
        // `format_type` prints one `[]` whatever the number of dimensions.
        FieldType::Array(inner) => {
            let mut base = inner.as_ref();
            while let FieldType::Array(deeper) = base {
                base = deeper;
            }
            format!("{}[]", column_type(contract, base))
        }
    }
}

/// A contract default as the column's default expression (canonical) and identity. Of the
/// spellings the db rules accept, the one Postgres stores for the usual migration is chosen:
/// `now()`, `gen_random_uuid()`, an identity column for `autoincrement`.
fn default_of(default: Option<&Default>) -> (Option<Expr>, Option<Identity>) {
    let sql = match default {
        // Postgres stores no default for `default null`.
        None | Some(Default::Literal(Literal::Null)) => return (None, None),
        Some(Default::AutoIncrement) => return (None, Some(Identity::ByDefault)),
        Some(Default::Now) => "now()".to_owned(),
        Some(Default::RandomUuid) => "gen_random_uuid()".to_owned(),
        Some(Default::Sequence(name)) => format!("nextval('{}')", name.replace('\'', "''")),
        Some(Default::Literal(literal)) => literal_sql(literal),
        Some(Default::EnumValue(value)) => format!("'{}'", value.replace('\'', "''")),
        Some(Default::Sql(sql)) => sql.clone(),
    };
    // Normalised, so messages show the default as the db rules always have.
    (Some(schema_expr(normalize_expr(&sql))), None)
}

/// A contract literal in SQL: lists as array literals (`'{a,b}'`).
pub fn literal_sql(literal: &Literal) -> String {
    match literal {
        Literal::String(s) => format!("'{}'", s.replace('\'', "''")),
        Literal::Number(n) => n.clone(),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_owned(),
        Literal::List(items) => {
            let items: Vec<String> = items.iter().map(|i| literal_sql(i).trim_matches('\'').to_owned()).collect();
            format!("'{{{}}}'", items.join(","))
        }
    }
}

/// The Postgres action of a contract's `on delete`.
pub fn referential_action(on_delete: OnDelete) -> ReferentialAction {
    match on_delete {
        OnDelete::NoAction => ReferentialAction::NoAction,
        OnDelete::Restrict => ReferentialAction::Restrict,
        OnDelete::Cascade => ReferentialAction::Cascade,
        OnDelete::SetNull => ReferentialAction::SetNull,
        OnDelete::SetDefault => ReferentialAction::SetDefault,
    }
}

pub fn policy_command(operation: Operation) -> PolicyCommand {
    match operation {
        Operation::Select => PolicyCommand::Select,
        Operation::Insert => PolicyCommand::Insert,
        Operation::Update => PolicyCommand::Update,
        Operation::Delete => PolicyCommand::Delete,
        Operation::All => PolicyCommand::All,
    }
}

/// A rule condition as SQL, fields under their (quoted) column names. A JWT claim is text: compared
/// with a field of another type it is cast to the field's type, as Postgres needs
/// (`(auth.jwt() ->> 'org_id')::uuid = org_id`).
pub fn policy_sql(contract: &Contract, entity: &Entity, expr: &PolicyExpr) -> String {
    let sql = |e: &PolicyExpr| policy_sql(contract, entity, e);
    let join = |parts: &[PolicyExpr], separator: &str| {
        let parts: Vec<String> = parts.iter().map(|p| format!("({})", sql(p))).collect();
        parts.join(separator)
    };
    // A claim compared with a field: the claim cast to the field's type, unless it is text.
    let operand = |side: &PolicyExpr, other: &PolicyExpr| match (side, other) {
        (PolicyExpr::Auth(AuthProperty::Claim(_)), PolicyExpr::Field(name)) => {
            match entity.field(name).map(|f| &f.ty) {
                Some(FieldType::Scalar(scalar)) if scalar.is_textual() => sql(side),
                Some(ty) => format!("({})::{}", sql(side), column_type(contract, ty)),
                None => sql(side),
            }
        }
        _ => sql(side),
    };
    match expr {
        PolicyExpr::Or(parts) => join(parts, " or "),
        PolicyExpr::And(parts) => join(parts, " and "),
        PolicyExpr::Not(inner) => format!("not ({})", sql(inner)),
        PolicyExpr::Equals { lhs, rhs, negated } => match rhs.as_ref() {
            PolicyExpr::Literal(Literal::Null) => {
                format!("({}) is {}null", sql(lhs), if *negated { "not " } else { "" })
            }
            _ => format!("({}) {} ({})", operand(lhs, rhs), if *negated { "<>" } else { "=" }, operand(rhs, lhs)),
        },
        PolicyExpr::In { lhs, list } => {
            let items: Vec<String> = list.iter().map(&sql).collect();
            format!("({}) in ({})", sql(lhs), items.join(", "))
        }
        PolicyExpr::Field(name) => entity.field(name).map_or_else(|| name.clone(), |f| quote_ident(&f.db_name)),
        PolicyExpr::Auth(AuthProperty::Uid) => "auth.uid()".to_owned(),
        PolicyExpr::Auth(AuthProperty::Role) => "auth.role()".to_owned(),
        PolicyExpr::Auth(AuthProperty::Email) => "auth.email()".to_owned(),
        PolicyExpr::Auth(AuthProperty::Claim(claim)) => format!("(auth.jwt() ->> '{}')", claim.replace('\'', "''")),
        PolicyExpr::Literal(literal) => literal_sql(literal),
        PolicyExpr::Sql(sql) => format!("({sql})"),
    }
}
