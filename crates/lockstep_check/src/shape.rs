//! What a value carries, as a tree: the rows a select string returns, the body an endpoint
//! declares, the result a database function declares. The UI rules follow reads into it; the API
//! rules compare handler bodies with it.

use lockstep_contract::model::{Contract, Entity, FieldNames, FieldType, ForeignTarget, Scalar, Shape, json_fields};
use lockstep_ts::select::SelectItem;

/// Shapes nest through named types; deeper than this, anything may be read.
const MAX_DEPTH: usize = 16;

#[derive(Clone, Debug)]
pub enum Node {
    Object(Vec<(String, Node)>),
    Array(Box<Node>),
    /// Rows of a query: one row or a list of them (supabase-js embeds are either, depending on
    /// the foreign key's direction), so both field and element reads are fine.
    Rows(Vec<(String, Node)>),
    /// A number, a string, a boolean: its members are the language's, not the data's.
    Leaf,
    /// JSON whose shape the contract does not say: anything may be read.
    Unknown,
}

/// The node for a shape. Objects get their keys from [`json_fields`], as the OpenAPI export does.
pub fn shape_node(contract: &Contract, shape: &Shape, names: FieldNames) -> Node {
    shape_node_at(contract, shape, names, 0)
}

fn shape_node_at(contract: &Contract, shape: &Shape, names: FieldNames, depth: usize) -> Node {
    if depth > MAX_DEPTH {
        return Node::Unknown;
    }
    match shape {
        Shape::Scalar(Scalar::Json | Scalar::Jsonb) => Node::Unknown,
        Shape::Scalar(_) | Shape::Enum(_) => Node::Leaf,
        Shape::Type(type_name) => {
            contract.type_def(type_name).map_or(Node::Unknown, |t| shape_node_at(contract, &t.shape, names, depth + 1))
        }
        Shape::Entity(_) | Shape::Select { .. } | Shape::Object(_) => match json_fields(contract, shape, names) {
            Some(fields) => Node::Object(
                fields
                    .iter()
                    .map(|f| (f.name.to_owned(), shape_node_at(contract, &f.shape, names, depth + 1)))
                    .collect(),
            ),
            None => Node::Unknown,
        },
        Shape::Array(inner) => Node::Array(Box::new(shape_node_at(contract, inner, names, depth + 1))),
        Shape::Nullable(inner) => shape_node_at(contract, inner, names, depth),
    }
}

fn field_node(ty: &FieldType) -> Node {
    match ty {
        FieldType::Scalar(Scalar::Json | Scalar::Jsonb) => Node::Unknown,
        FieldType::Array(inner) => Node::Array(Box::new(field_node(inner))),
        _ => Node::Leaf,
    }
}

/// The rows a select returns on `entity`: columns under database names (or their aliases),
/// embedded resources as nested rows. A select naming something the contract lacks is reported
/// on its own; its rows are then `Unknown`, so the same mistake is not reported at every read.
pub fn select_node(contract: &Contract, entity: &Entity, items: Option<&[SelectItem]>) -> Node {
    let Some(items) = items else {
        // No select string: supabase-js selects `*`.
        return Node::Rows(star(entity));
    };
    select_fields(contract, entity, items, 0).map_or(Node::Unknown, Node::Rows)
}

fn star(entity: &Entity) -> Vec<(String, Node)> {
    entity.fields.iter().map(|f| (f.db_name.clone(), field_node(&f.ty))).collect()
}

fn select_fields(
    contract: &Contract,
    entity: &Entity,
    items: &[SelectItem],
    depth: usize,
) -> Option<Vec<(String, Node)>> {
    let mut fields = Vec::new();
    for item in items {
        let name = item.output_name().unwrap_or_default().to_owned();
        match item {
            SelectItem::Star { .. } => fields.extend(star(entity)),
            SelectItem::Column { json_path, cast, aggregate, column, .. } => {
                let field = entity.field_by_column(&column.text)?;
                let node = if !json_path.is_empty() || cast.is_some() || aggregate.is_some() {
                    Node::Unknown
                } else {
                    field_node(&field.ty)
                };
                fields.push((name, node));
            }
            SelectItem::Aggregate { .. } => fields.push((name, Node::Leaf)),
            SelectItem::Embed { resource, items, spread, .. } => {
                let target = embedded(contract, entity, &resource.text)?;
                if depth >= MAX_DEPTH {
                    fields.push((name, Node::Unknown));
                    continue;
                }
                let nested = select_fields(contract, target, items, depth + 1)?;
                if *spread {
                    fields.extend(nested);
                } else {
                    fields.push((name, Node::Rows(nested)));
                }
            }
        }
    }
    Some(fields)
}

/// The entity an embedded resource names: a table, or a foreign-key column of `entity`.
pub fn embedded<'c>(contract: &'c Contract, entity: &Entity, resource: &str) -> Option<&'c Entity> {
    if let Some(table) = contract.entities.iter().find(|e| e.table == resource) {
        return Some(table);
    }
    let field = entity.field_by_column(resource)?;
    match &field.references.as_ref()?.target {
        ForeignTarget::Entity(name) => contract.entity(name),
        ForeignTarget::External { .. } => None,
    }
}
