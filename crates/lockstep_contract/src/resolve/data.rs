//! Resolution of enums and entities: column types, defaults, keys and foreign keys.

use std::collections::HashMap;

use lockstep_diagnostics::{ContractPath, Diagnostic, Span, did_you_mean};

use super::{NameKind, Resolver};
use crate::diagnostics as diag;
use crate::model::check_value_list;
use crate::model::{
    Default, Entity, Enum, EnumMember, Field, FieldType, ForeignKey, ForeignTarget, Index, Literal, OnDelete, Scalar,
    convert_case,
};
use crate::syntax::ast::{self, Attr, Item, ItemKind, MemberKind, TypeRef, Value};

const FIELD_ATTRS: [&str; 7] = ["id", "unique", "default", "map", "index", "check", "was"];
const ENTITY_ATTRS: [&str; 4] = ["map", "schema", "view", "was"];
const BLOCK_ATTRS: [&str; 4] = ["id", "unique", "index", "check"];

impl Resolver<'_> {
    pub(super) fn enums(&mut self, items: &[&Item]) {
        for item in items {
            let ItemKind::Enum(decl) = &item.kind else { continue };
            let mut db_name = convert_case(&decl.name.text, self.contract.naming.db);
            let mut was = None;
            for attr in &decl.attrs {
                match attr.name.text.as_str() {
                    "map" => db_name = self.string_arg(attr).unwrap_or(db_name),
                    "was" => {
                        let db = self.contract.naming.db;
                        was = self.was_arg(attr, &|name| convert_case(name, db));
                    }
                    _ => self.unknown_attr(attr, &["map", "was"], "enum"),
                }
            }
            let mut values: Vec<EnumMember> = Vec::new();
            // Where each value is in `values`: a search per value would be quadratic.
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for value in &decl.values {
                if let Some(&first) = seen.get(value.name.text.as_str()) {
                    let first = values[first].origin.span;
                    let diagnostic = diag::duplicate_name("enum value", &value.name.text, value.name.span, first);
                    self.report(diagnostic);
                    continue;
                }
                seen.insert(&value.name.text, values.len());
                let mut was = None;
                for attr in &value.attrs {
                    match attr.name.text.as_str() {
                        "was" => was = self.was_arg(attr, &str::to_owned),
                        _ => self.unknown_attr(attr, &["was"], "enum value"),
                    }
                }
                values.push(EnumMember {
                    name: value.name.text.clone(),
                    was,
                    origin: self.origin(value.name.span, &value.docs),
                });
            }
            if values.is_empty() {
                let diagnostic =
                    Diagnostic::error(diag::INVALID_FIELD_TYPE, format!("enum `{}` has no values", decl.name.text))
                        .at(decl.name.span, "empty enum")
                        .help("list the values inside the braces: `enum Status { active archived }`");
                self.report(diagnostic);
            }
            let origin = self.origin(item.span, &item.docs);
            self.contract.enums.push(Enum { name: decl.name.text.clone(), db_name, values, was, origin });
        }
    }

    pub(super) fn entities(&mut self, items: &[&Item]) {
        for item in items {
            let ItemKind::Entity(decl) = &item.kind else { continue };
            let entity = self.entity(item, decl);
            self.contract.entities.push(entity);
        }
        self.check_foreign_keys(items);
    }

    fn entity(&mut self, item: &Item, decl: &ast::EntityDecl) -> Entity {
        let naming = self.contract.naming.clone();
        let mut entity = Entity {
            name: decl.name.text.clone(),
            schema: "public".to_owned(),
            table: naming.table_name(&decl.name.text),
            fields: Vec::new(),
            primary_key: Vec::new(),
            uniques: Vec::new(),
            indexes: Vec::new(),
            checks: Vec::new(),
            policies: Vec::new(),
            view: false,
            was: None,
            origin: self.origin(item.span, &item.docs),
        };
        for attr in &decl.attrs {
            match attr.name.text.as_str() {
                "was" => entity.was = self.was_arg(attr, &|name| naming.table_name(name)),
                "map" => entity.table = self.string_arg(attr).unwrap_or(entity.table),
                "schema" => entity.schema = self.string_arg(attr).unwrap_or(entity.schema),
                "view" if attr.args.is_none() => entity.view = true,
                "view" => self.invalid_attr(attr, "`@view` takes no arguments: `entity OrderTotal @view { ... }`"),
                _ => self.unknown_attr(attr, &ENTITY_ATTRS, "entity"),
            }
        }
        let mut id_fields: Vec<(String, Span)> = Vec::new();
        let mut block_id: Option<Span> = None;
        for member in &decl.members {
            match &member.kind {
                MemberKind::Field(field) => {
                    if let Some(first) = entity.field(&field.name.text) {
                        let diagnostic =
                            diag::duplicate_name("field", &field.name.text, field.name.span, first.origin.span);
                        self.report(diagnostic);
                        continue;
                    }
                    let resolved = self.field(&mut entity, &mut id_fields, member, field);
                    entity.fields.push(resolved);
                }
                MemberKind::BlockAttr(attr) => {
                    if attr.name.text == "id" {
                        block_id = Some(attr.span);
                    }
                    self.block_attr(&mut entity, attr);
                }
                MemberKind::Policy(policy) => {
                    let policies = self.policy(&entity, policy, member.span);
                    entity.policies.extend(policies);
                }
            }
        }
        self.primary_key(&mut entity, &decl.name, &id_fields, block_id);
        entity
    }

    fn field(
        &mut self,
        entity: &mut Entity,
        id_fields: &mut Vec<(String, Span)>,
        member: &ast::Member,
        field: &ast::Field,
    ) -> Field {
        let naming = &self.contract.naming;
        let name = field.name.text.clone();
        let mut resolved = Field {
            db_name: convert_case(&name, naming.db),
            api_name: convert_case(&name, naming.api),
            name: name.clone(),
            ty: self.field_type(&field.ty),
            nullable: field.nullable,
            default: None,
            references: None,
            allowed_values: None,
            was: None,
            origin: self.origin(member.span, &member.docs),
        };
        let mut default_value = field.default.as_ref();
        let mut field_checks: Vec<String> = Vec::new();
        for attr in &field.attrs {
            match attr.name.text.as_str() {
                "id" => id_fields.push((name.clone(), attr.span)),
                "unique" => entity.uniques.push(vec![name.clone()]),
                "index" => entity.indexes.push(Index { fields: vec![name.clone()] }),
                "check" => {
                    let sql = self.sql_arg(attr);
                    field_checks.extend(sql.clone());
                    entity.checks.extend(sql);
                }
                "map" => self.map_attr(&mut resolved, attr),
                "was" => {
                    let db = self.contract.naming.db;
                    resolved.was = self.was_arg(attr, &|name| convert_case(name, db));
                }
                "default" => match (default_value, attr.args.as_deref()) {
                    (Some(first), _) => {
                        let diagnostic =
                            Diagnostic::error(diag::INVALID_DEFAULT, format!("field `{name}` has two defaults"))
                                .at(attr.span, "second default")
                                .related(first.span(), "first default")
                                .help("keep one: `= value` or `@default(value)`");
                        self.report(diagnostic);
                    }
                    (None, Some([arg])) if arg.key.is_none() => default_value = Some(&arg.value),
                    _ => self.invalid_attr(attr, "`@default` takes one value: `@default(now)`"),
                },
                _ => self.unknown_attr(attr, &FIELD_ATTRS, "field"),
            }
        }
        if let Some(value) = default_value {
            resolved.default = self.default_value(&resolved, value);
        }
        if let Some(reference) = &field.reference {
            resolved.references = self.reference(reference);
        }
        resolved.allowed_values = field_checks.iter().find_map(|sql| check_value_list(sql, &resolved.db_name));
        resolved
    }

    fn field_type(&mut self, ty: &TypeRef) -> FieldType {
        let mut resolved = match self.scalar(ty) {
            Some(scalar) => FieldType::Scalar(scalar),
            None => match self.kind_of(&ty.name.text) {
                Some(NameKind::Enum) => FieldType::Enum(ty.name.text.clone()),
                Some(kind @ (NameKind::Entity | NameKind::Type)) => {
                    let diagnostic = Diagnostic::error(
                        diag::INVALID_FIELD_TYPE,
                        format!("a field cannot hold the {} `{}`", kind.as_str(), ty.name.text),
                    )
                    .at(ty.name.span, "not a column type")
                    .help(format!(
                        "fields are columns: link rows with a foreign key such as `{}Id uuid -> {}.id`",
                        convert_case(&ty.name.text, crate::model::Casing::CamelCase),
                        ty.name.text
                    ));
                    self.report(diagnostic);
                    FieldType::Scalar(Scalar::Text)
                }
                None => {
                    if !ty.args.is_empty() || Scalar::from_name(&ty.name.text).is_none() {
                        let mut candidates: Vec<&str> = Scalar::NAMES.iter().map(|(n, _)| *n).collect();
                        candidates.extend(self.names_of(&[NameKind::Enum]));
                        let suggestion = did_you_mean(&ty.name.text, candidates);
                        let diagnostic = diag::unknown_type(
                            &ty.name.text,
                            ty.name.span,
                            suggestion,
                            "a column type such as `text`, `uuid`, `int` or an enum",
                        );
                        self.report(diagnostic);
                    }
                    FieldType::Scalar(Scalar::Text)
                }
            },
        };
        for _ in 0..ty.array_depth {
            resolved = FieldType::Array(Box::new(resolved));
        }
        resolved
    }

    /// A scalar type with its arguments checked, or `None` when the name is not a scalar (or
    /// its arguments are wrong, which is reported here).
    pub(super) fn scalar(&mut self, ty: &TypeRef) -> Option<Scalar> {
        let scalar = Scalar::from_name(&ty.name.text)?;
        let args: Vec<u32> = ty.args.iter().map(|(n, _)| *n).collect();
        let resolved = match (scalar, args.as_slice()) {
            (_, []) => Some(scalar),
            (Scalar::Varchar(_), [n]) if *n > 0 => Some(Scalar::Varchar(Some(*n))),
            (Scalar::Char(_), [n]) if *n > 0 => Some(Scalar::Char(Some(*n))),
            (Scalar::Vector(_), [n]) if (1..=16_000).contains(n) => Some(Scalar::Vector(Some(*n))),
            (Scalar::Numeric(_), [p]) if (1..=1000).contains(p) => Some(Scalar::Numeric(Some((*p, 0)))),
            (Scalar::Numeric(_), [p, s]) if (1..=1000).contains(p) && s <= p => Some(Scalar::Numeric(Some((*p, *s)))),
            _ => None,
        };
        if resolved.is_none() {
            let diagnostic = Diagnostic::error(diag::INVALID_FIELD_TYPE, format!("invalid arguments for `{}`", ty.name.text))
                .at(ty.span, "wrong arguments")
                .help("`varchar(n)` and `char(n)` take a length, `numeric(p, s)` a precision and a scale, `vector(n)` its dimensions; other types take none");
            self.report(diagnostic);
            return Some(scalar);
        }
        resolved
    }

    fn map_attr(&mut self, field: &mut Field, attr: &Attr) {
        let Some(args) = attr.args.as_deref().filter(|a| !a.is_empty()) else {
            return self.invalid_attr(attr, "`@map` takes the column name, or `db:` and `api:` names");
        };
        for arg in args {
            let Value::String { value, .. } = &arg.value else {
                return self.invalid_attr(attr, "`@map` names are strings: `@map(\"cust_id\")`");
            };
            match arg.key.as_ref().map(|k| k.text.as_str()) {
                None | Some("db") => field.db_name.clone_from(value),
                Some("api") => field.api_name.clone_from(value),
                Some(_) => return self.invalid_attr(attr, "`@map` keys are `db` and `api`"),
            }
        }
    }

    fn block_attr(&mut self, entity: &mut Entity, attr: &Attr) {
        let name = attr.name.text.as_str();
        if name == "check" {
            entity.checks.extend(self.sql_arg(attr));
            return;
        }
        if !BLOCK_ATTRS.contains(&name) {
            return self.unknown_attr(attr, &BLOCK_ATTRS, "entity block");
        }
        let mut fields = Vec::new();
        for arg in attr.args.as_deref().unwrap_or_default() {
            let Value::Ident(field) = &arg.value else {
                return self.invalid_attr(attr, "list field names: `@@unique(ownerId, slug)`");
            };
            if entity.field(&field.text).is_none() {
                self.unknown_field(entity, &field.text, field.span);
                return;
            }
            fields.push(field.text.clone());
        }
        if fields.is_empty() {
            return self.invalid_attr(attr, "list at least one field: `@@unique(ownerId, slug)`");
        }
        match name {
            "id" => entity.primary_key = fields,
            "unique" => entity.uniques.push(fields),
            _ => entity.indexes.push(Index { fields }),
        }
    }

    fn primary_key(
        &mut self,
        entity: &mut Entity,
        name: &ast::Name,
        id_fields: &[(String, Span)],
        block_id: Option<Span>,
    ) {
        match (id_fields, block_id) {
            // A view has no key of its own.
            ([], None) if entity.view => {}
            ([], None) => {
                let diagnostic = Diagnostic::warning(
                    diag::MISSING_PRIMARY_KEY,
                    format!("entity `{}` has no primary key", name.text),
                )
                .at(name.span, "no `@id` field")
                .help("mark the key field with `@id`, or list a composite key with `@@id(a, b)`");
                self.report(diagnostic);
            }
            ([(field, _)], None) => entity.primary_key = vec![field.clone()],
            ([], Some(_)) => {}
            ([.., (_, span)], _) => {
                let diagnostic = Diagnostic::error(
                    diag::INVALID_ATTRIBUTE,
                    format!("entity `{}` declares its primary key twice", name.text),
                )
                .at(*span, "another `@id`")
                .help("a composite key is written once, as `@@id(a, b)`, without `@id` on the fields");
                self.report(diagnostic);
            }
        }
        for key in &entity.primary_key {
            if let Some(field) = entity.fields.iter().find(|f| &f.name == key && f.nullable) {
                let diagnostic =
                    Diagnostic::error(diag::INVALID_ATTRIBUTE, format!("primary key field `{key}` is optional"))
                        .at(field.origin.span, "a key is never null")
                        .help("remove the `?` from the type");
                self.report(diagnostic);
            }
        }
    }

    fn reference(&mut self, reference: &ast::Reference) -> Option<ForeignKey> {
        let on_delete = reference
            .on_delete
            .as_ref()
            .and_then(|(words, _)| OnDelete::from_words(words))
            .unwrap_or(OnDelete::NoAction);
        let path = &reference.path;
        let (target, field) = match path.as_slice() {
            [entity, field] => (ForeignTarget::Entity(entity.text.clone()), field),
            [schema, table, field] => {
                (ForeignTarget::External { schema: schema.text.clone(), table: table.text.clone() }, field)
            }
            _ => {
                let diagnostic = Diagnostic::error(
                    diag::UNKNOWN_ENTITY,
                    "a foreign key names `Entity.field` or `schema.table.column`",
                )
                .at(reference.span, "too many parts")
                .help("write `-> User.id`, or `-> auth.users.id` for a table outside the contract");
                self.report(diagnostic);
                return None;
            }
        };
        Some(ForeignKey { target, field: field.text.clone(), on_delete })
    }

    /// Second pass: foreign keys point at entities that exist, at a key field of the same type.
    fn check_foreign_keys(&mut self, items: &[&Item]) {
        let mut problems = Vec::new();
        let entity_names: Vec<&str> = self.contract.entities.iter().map(|e| e.name.as_str()).collect();
        // By name, the first of a repeated name winning as in `Contract::entity`: thousands of
        // references resolve in linear time.
        let mut entities = HashMap::new();
        for entity in &self.contract.entities {
            entities.entry(entity.name.as_str()).or_insert(entity);
        }
        for (entity, item) in
            self.contract.entities.iter().zip(items.iter().filter(|i| matches!(i.kind, ItemKind::Entity(_))))
        {
            let ItemKind::Entity(decl) = &item.kind else { continue };
            for member in &decl.members {
                let MemberKind::Field(ast_field) = &member.kind else { continue };
                let Some(reference) = &ast_field.reference else { continue };
                let Some(field) = entity.field(&ast_field.name.text) else { continue };
                let Some(ForeignKey { target: ForeignTarget::Entity(target_name), field: target_field, on_delete }) =
                    &field.references
                else {
                    continue;
                };
                // Postgres accepts the key and fails when a referenced row is deleted: a hazard
                // real schemas have (init derives it from them), not a contract that cannot mean
                // anything.
                if *on_delete == OnDelete::SetNull && !field.nullable {
                    problems.push(
                        Diagnostic::warning(
                            diag::FOREIGN_KEY_TYPE,
                            format!(
                                "`on delete set null` on `{}`, which cannot be null: deleting the referenced row will fail",
                                field.name
                            ),
                        )
                        .at(reference.span, "the field is not optional")
                        .help(format!(
                            "make the field optional (`{}?`) or choose another action",
                            field.ty.contract_name()
                        )),
                    );
                }
                let Some(&target) = entities.get(target_name.as_str()) else {
                    let suggestion = did_you_mean(target_name, entity_names.iter().copied());
                    problems.push(
                        Diagnostic::error(diag::UNKNOWN_ENTITY, format!("unknown entity `{target_name}`"))
                            .at(reference.path[0].span, "no such entity")
                            .help_opt(suggestion.map(|s| format!("did you mean `{s}`?")))
                            .contract(ContractPath::field(&entity.name, &field.name)),
                    );
                    continue;
                };
                let Some(referenced) = target.field(target_field) else {
                    let names: Vec<&str> = target.fields.iter().map(|f| f.name.as_str()).collect();
                    let suggestion = did_you_mean(target_field, names);
                    problems.push(
                        Diagnostic::error(
                            diag::UNKNOWN_FIELD,
                            format!("entity `{target_name}` has no field `{target_field}`"),
                        )
                        .at(reference.path[1].span, "no such field")
                        .help_opt(suggestion.map(|s| format!("did you mean `{s}`?"))),
                    );
                    continue;
                };
                let is_key = target.primary_key == std::slice::from_ref(target_field)
                    || target.uniques.iter().any(|u| u == std::slice::from_ref(target_field));
                if !is_key {
                    problems.push(
                        Diagnostic::error(
                            diag::FOREIGN_KEY_TYPE,
                            format!("`{target_name}.{target_field}` is neither `@id` nor `@unique`"),
                        )
                        .at(reference.span, "a foreign key must point at a key")
                        .related(referenced.origin.span, "the referenced field")
                        .help(format!("add `@unique` to `{target_name}.{target_field}`, or reference its `@id` field")),
                    );
                } else if referenced.ty != field.ty {
                    problems.push(
                        Diagnostic::error(
                            diag::FOREIGN_KEY_TYPE,
                            format!(
                                "`{}.{}` is `{}` but references `{target_name}.{target_field}`, which is `{}`",
                                entity.name,
                                field.name,
                                field.ty.contract_name(),
                                referenced.ty.contract_name()
                            ),
                        )
                        .at(ast_field.ty.span, "type differs from the referenced field")
                        .related(referenced.origin.span, "the referenced field")
                        .help(format!("declare the field as `{}`", referenced.ty.contract_name())),
                    );
                }
            }
        }
        self.diagnostics.extend(problems);
    }

    fn default_value(&mut self, field: &Field, value: &Value) -> Option<Default> {
        let scalar = match &field.ty {
            FieldType::Scalar(s) => Some(*s),
            _ => None,
        };
        let is_enum = matches!(field.ty, FieldType::Enum(_));
        let default = match value {
            Value::Ident(name) => match name.text.as_str() {
                "now" if scalar.is_some_and(Scalar::is_temporal) => Some(Default::Now),
                "random" | "uuid" if scalar == Some(Scalar::Uuid) => Some(Default::RandomUuid),
                "autoincrement" if scalar.is_some_and(Scalar::is_integer) => Some(Default::AutoIncrement),
                member if is_enum => {
                    let FieldType::Enum(enum_name) = &field.ty else { unreachable!("checked above") };
                    let values: Vec<String> = self
                        .contract
                        .enumeration(enum_name)
                        .map(|e| e.values.iter().map(|v| v.name.clone()).collect())
                        .unwrap_or_default();
                    if values.iter().any(|v| v == member) {
                        Some(Default::EnumValue(member.to_owned()))
                    } else {
                        let suggestion = did_you_mean(member, values.iter().map(String::as_str))
                            .map(|s| format!("did you mean `{s}`?"));
                        let diagnostic = Diagnostic::error(
                            diag::INVALID_DEFAULT,
                            format!("`{member}` is not a value of enum `{enum_name}`"),
                        )
                        .at(name.span, "not an enum value")
                        .help(suggestion.unwrap_or_else(|| {
                            format!(
                                "use one of {}",
                                diag::quoted_list(&values.iter().map(String::as_str).collect::<Vec<_>>())
                            )
                        }));
                        self.report(diagnostic);
                        return None;
                    }
                }
                _ => None,
            },
            Value::Raw { sql, .. } => Some(Default::Sql(sql.clone())),
            // A member whose name is no identifier is written quoted (`enum Priority { "1" "2" }`),
            // and so is its default: `= "2"`.
            Value::String { value, .. }
                if is_enum
                    && matches!(&field.ty, FieldType::Enum(e) if self.contract.enumeration(e).is_some_and(|e| e.values.iter().any(|v| v.name == *value))) =>
            {
                Some(Default::EnumValue(value.clone()))
            }
            Value::Null { .. } if field.nullable => Some(Default::Literal(Literal::Null)),
            Value::Bool { value, .. } if scalar == Some(Scalar::Bool) => Some(Default::Literal(Literal::Bool(*value))),
            Value::Number { text, span } if scalar.is_some_and(Scalar::is_integer) => {
                if let Some(problem) = scalar.and_then(|s| super::defaults::integer_problem(s, text, false)) {
                    let diagnostic = Diagnostic::error(diag::INVALID_DEFAULT, "this default does not fit its type")
                        .at(*span, problem)
                        .help(default_help(scalar, field.nullable));
                    self.report(diagnostic);
                    return None;
                }
                Some(Default::Literal(Literal::Number(text.replace('_', ""))))
            }
            Value::Number { text, .. }
                if scalar.is_some_and(Scalar::is_numeric)
                    && text.replace('_', "").parse::<f64>().is_ok_and(f64::is_finite) =>
            {
                Some(Default::Literal(Literal::Number(text.replace('_', ""))))
            }
            Value::String { value, .. }
                if scalar.is_some_and(|s| {
                    s.is_textual()
                        || s.is_temporal()
                        || matches!(s, Scalar::Uuid | Scalar::Interval | Scalar::Json | Scalar::Jsonb)
                }) =>
            {
                Some(Default::Literal(Literal::String(value.clone())))
            }
            Value::Call { name, args, .. } if name.text == "sequence" && scalar.is_some_and(Scalar::is_integer) => {
                match args.as_slice() {
                    [ast::Arg { key: None, value: Value::String { value, .. } }] => {
                        Some(Default::Sequence(value.clone()))
                    }
                    _ => None,
                }
            }
            Value::List { items, .. } if matches!(field.ty, FieldType::Array(_)) => {
                let literals: Option<Vec<Literal>> = items.iter().map(literal).collect();
                literals.map(|l| Default::Literal(Literal::List(l)))
            }
            _ => None,
        };
        if default.is_none() {
            let diagnostic = Diagnostic::error(
                diag::INVALID_DEFAULT,
                format!("this default does not fit field `{}` of type `{}`", field.name, field.ty.contract_name()),
            )
            .at(value.span(), "invalid default")
            .help(default_help(scalar, field.nullable));
            self.report(diagnostic);
        }
        default
    }

    pub(super) fn string_arg(&mut self, attr: &Attr) -> Option<String> {
        if let Some([ast::Arg { key: None, value: Value::String { value, .. } }]) = attr.args.as_deref() {
            return Some(value.clone());
        }
        self.invalid_attr(attr, &format!("`@{}` takes one string: `@{}(\"name\")`", attr.name.text, attr.name.text));
        None
    }

    /// `@was(oldName)`: the previous contract name, turned into a database name by
    /// `db_name` (the naming rules); `@was("old_name")`: the previous database name as it is.
    fn was_arg(&mut self, attr: &Attr, db_name: &dyn Fn(&str) -> String) -> Option<String> {
        match attr.args.as_deref() {
            Some([ast::Arg { key: None, value: Value::Ident(name) }]) => Some(db_name(&name.text)),
            Some([ast::Arg { key: None, value: Value::String { value, .. } }]) if !value.is_empty() => {
                Some(value.clone())
            }
            _ => {
                self.invalid_attr(
                    attr,
                    "`@was` takes the previous name: `@was(oldName)` (a contract name, under the naming rules) or `@was(\"old_name\")` (the database name as it is)",
                );
                None
            }
        }
    }

    fn sql_arg(&mut self, attr: &Attr) -> Option<String> {
        if let Some([ast::Arg { key: None, value: Value::Raw { sql, .. } }]) = attr.args.as_deref() {
            return Some(sql.clone());
        }
        self.invalid_attr(attr, "`check` takes one SQL expression in backticks: @check(`price >= 0`)");
        None
    }

    pub(super) fn invalid_attr(&mut self, attr: &Attr, help: &str) {
        let diagnostic = Diagnostic::error(diag::INVALID_ATTRIBUTE, format!("invalid `@{}`", attr.name.text))
            .at(attr.span, "invalid arguments")
            .help(help.to_owned());
        self.report(diagnostic);
    }

    pub(super) fn unknown_attr(&mut self, attr: &Attr, known: &[&str], on: &str) {
        let suggestion = did_you_mean(&attr.name.text, known.iter().copied());
        let diagnostic =
            Diagnostic::error(diag::UNKNOWN_ATTRIBUTE, format!("unknown {on} attribute `@{}`", attr.name.text))
                .at(attr.name.span, "unknown attribute")
                .help(suggestion.map_or_else(
                    || format!("the {on} attributes are {}", diag::quoted_list(known)),
                    |s| format!("did you mean `@{s}`?"),
                ));
        self.report(diagnostic);
    }

    pub(super) fn unknown_field(&mut self, entity: &Entity, name: &str, span: Span) {
        let names: Vec<&str> = entity.fields.iter().map(|f| f.name.as_str()).collect();
        let suggestion = did_you_mean(name, names).map(|s| format!("did you mean `{s}`?"));
        let diagnostic =
            Diagnostic::error(diag::UNKNOWN_FIELD, format!("entity `{}` has no field `{name}`", entity.name))
                .at(span, "no such field")
                .help_opt(suggestion);
        self.report(diagnostic);
    }
}

pub(super) fn literal(value: &Value) -> Option<Literal> {
    Some(match value {
        Value::String { value, .. } => Literal::String(value.clone()),
        Value::Number { text, .. } => Literal::Number(text.replace('_', "")),
        Value::Bool { value, .. } => Literal::Bool(*value),
        Value::Null { .. } => Literal::Null,
        Value::List { items, .. } => Literal::List(items.iter().map(literal).collect::<Option<_>>()?),
        Value::Ident(_) | Value::Raw { .. } | Value::Call { .. } => return None,
    })
}

fn default_help(scalar: Option<Scalar>, nullable: bool) -> String {
    let suggestion = match scalar {
        Some(Scalar::Uuid) => "`@default(random)` or a quoted uuid",
        Some(s) if s.is_temporal() => "`@default(now)` or a quoted value",
        Some(s) if s.is_integer() => "a number or `@default(autoincrement)`",
        Some(s) if s.is_numeric() => "a number",
        Some(Scalar::Bool) => "`true` or `false`",
        Some(_) => "a quoted string",
        None => "a value of the field's type",
    };
    let null = if nullable { ", `null`" } else { "" };
    format!("use {suggestion}{null}, or raw SQL in backticks: @default(`now() + interval '1 day'`)")
}
