//! `ui/unknown-field`, `ui/response-shape` and the casing of read fields: what the code reads from
//! a query's rows, an rpc result or an API response, against what those carry.

use lockstep_contract::model::{Contract, FieldNames};
use lockstep_diagnostics::{ContractPath, Diagnostic, Span, did_you_mean};
use lockstep_ts::facts::{DataOrigin, FileFacts, Step, ValueRead};

use super::{CASING_MISMATCH, RESPONSE_SHAPE, UNKNOWN_FIELD, endpoint_for, same_words};
use crate::shape::{Node, select_node, shape_node};

/// The value a read starts from, and how to talk about it.
struct Root {
    node: Node,
    /// "the rows selected from `orders`", "the response of `GET /api/orders`".
    what: String,
    related: Option<(Span, &'static str)>,
    contract: Option<ContractPath>,
    /// For query rows: the columns of the table, to tell "not selected" from "no such column".
    columns: Vec<String>,
    /// Top-level keys of the other responses' bodies (`{ error }` on a 409): one variable often
    /// holds the body whatever the status, so reading them is no drift.
    other_keys: Vec<String>,
}

pub fn check_reads(contract: &Contract, facts: &FileFacts, findings: &mut Vec<Diagnostic>) {
    let mut roots: Vec<(DataOrigin, Option<Root>)> = Vec::new();
    // The same path is read many times (`row.name` in every list item); a path found fine once
    // is fine everywhere.
    let mut fine: Vec<Option<DataOrigin>> = vec![None; facts.paths.len()];
    // Reads judged fine, by span: an alternative of one of them is a defensive read.
    let mut fine_spans: Vec<Span> = Vec::new();
    let mut found: Vec<(Span, Diagnostic)> = Vec::new();
    for read in &facts.reads {
        if fine[read.path as usize] == Some(read.origin) {
            fine_spans.push(read.span);
            continue;
        }
        let index = if let Some(index) = roots.iter().position(|(origin, _)| *origin == read.origin) {
            index
        } else {
            roots.push((read.origin, root(contract, facts, read.origin)));
            roots.len() - 1
        };
        if let Some(root) = &roots[index].1 {
            if let Some(finding) = check_read(root, &facts.paths.steps(read.path), read) {
                found.push((read.span, finding));
            } else {
                fine[read.path as usize] = Some(read.origin);
                fine_spans.push(read.span);
            }
        } else {
            // Not judged, so not known to be wrong either.
            fine_spans.push(read.span);
        }
    }
    for (span, finding) in found {
        let defended = facts
            .fallbacks
            .iter()
            .filter(|group| group.contains(&span))
            .any(|group| group.iter().any(|other| fine_spans.contains(other)));
        if !defended {
            findings.push(finding);
        }
    }
}

fn root(contract: &Contract, facts: &FileFacts, origin: DataOrigin) -> Option<Root> {
    match origin {
        DataOrigin::Query(index) => {
            let query = facts.queries.get(index).filter(|q| !q.dynamic_select)?;
            let table = query.table.as_ref()?;
            let schema = query.schema.as_deref().unwrap_or("public");
            let entity = contract.entities.iter().find(|e| e.table == table.name && e.schema == schema)?;
            let parsed = query.select.as_ref().map(lockstep_ts::facts::SelectString::parsed);
            let items = match &parsed {
                Some(Ok(items)) => Some(items.as_slice()),
                Some(Err(_)) => return None,
                None => None,
            };
            Some(Root {
                node: select_node(contract, entity, items),
                what: format!("the rows selected from `{}`", entity.table),
                related: query.select.as_ref().map(|s| (s.file_offset, "the select")),
                contract: Some(ContractPath::Entity(entity.name.clone())),
                columns: entity.fields.iter().map(|f| f.db_name.clone()).collect(),
                other_keys: Vec::new(),
            })
        }
        DataOrigin::Rpc(index) => {
            let call = facts.rpc_calls.get(index)?;
            let name = call.function.as_ref()?;
            let function = contract.function(&name.name)?;
            let node = match shape_node(contract, function.returns.as_ref()?, FieldNames::Database) {
                // `.rpc(...).maybeSingle()`: one row of the set.
                Node::Array(row) if call.single => *row,
                node => node,
            };
            Some(Root {
                node,
                what: format!("the result of function `{}`", function.name),
                related: Some((function.origin.span, "the function")),
                contract: Some(ContractPath::Function(function.name.clone())),
                columns: Vec::new(),
                other_keys: Vec::new(),
            })
        }
        DataOrigin::Response(index) => {
            let call = facts.http_calls.get(index)?;
            let endpoint = endpoint_for(contract, call)?;
            // One success body, or the shape is not knowable from the call alone.
            let mut bodies =
                endpoint.responses.iter().filter(|r| (200..300).contains(&r.status)).filter_map(|r| r.body.as_ref());
            let body = bodies.next()?;
            if bodies.any(|other| other != body) {
                return None;
            }
            let other_keys = endpoint
                .responses
                .iter()
                .filter(|r| !(200..300).contains(&r.status))
                .filter_map(|r| match r.body.as_ref().map(|b| shape_node(contract, b, FieldNames::Api)) {
                    Some(Node::Object(fields)) => Some(fields.into_iter().map(|(name, _)| name)),
                    _ => None,
                })
                .flatten()
                .collect();
            Some(Root {
                node: shape_node(contract, body, FieldNames::Api),
                what: format!("the response of `{} {}`", endpoint.method.as_str(), endpoint.path),
                related: Some((endpoint.origin.span, "the endpoint")),
                contract: Some(endpoint.element(None)),
                columns: Vec::new(),
                other_keys,
            })
        }
    }
}

/// Follows a read's path; reports only its last step (earlier steps are reads of their own).
fn check_read(root: &Root, steps: &[&Step], read: &ValueRead) -> Option<Diagnostic> {
    let (&last, before) = steps.split_last()?;
    let mut node = &root.node;
    for &step in before {
        node = advance(node, step)?;
    }
    let finding = match (last, node) {
        (Step::Field(name), Node::Object(fields) | Node::Rows(fields)) => {
            if fields.iter().any(|(n, _)| n == name) || (before.is_empty() && root.other_keys.contains(name)) {
                return None;
            }
            missing_field(root, steps, read, name, fields)
        }
        (Step::Field(name), Node::Array(_)) => Diagnostic::error(
            RESPONSE_SHAPE,
            format!("`.{name}` is read from {}, which is an array", root.what),
        )
        .at(read.span, "not a field of an array")
        .help("the body is a bare array: use it directly (`json.map(...)`), or change the contract to an envelope"),
        (Step::Element | Step::ArrayUse(_), Node::Object(fields)) => {
            if let Step::ArrayUse(name) = last {
                if fields.iter().any(|(n, _)| n == name) {
                    return None;
                }
            }
            let keys: Vec<String> = fields.iter().map(|(n, _)| format!("`{n}`")).collect();
            let label = match last {
                Step::ArrayUse(name) => format!("`.{name}` treats it as an array"),
                _ => "indexed as an array".to_owned(),
            };
            let list_key = fields.iter().find(|(_, n)| matches!(n, Node::Array(_))).map(|(n, _)| n.clone());
            Diagnostic::error(RESPONSE_SHAPE, format!("{} is an object, not an array", root.what))
                .at(read.span, label)
                .help(list_key.map_or_else(
                    || format!("its keys are {}", keys.join(", ")),
                    |list| format!("the list is in `.{list}`: read `json.{list}` first"),
                ))
        }
        _ => return None,
    };
    let finding = match root.related {
        Some((span, label)) => finding.related(span, label),
        None => finding,
    };
    Some(match &root.contract {
        Some(element) => finding.contract(element.clone()),
        None => finding,
    })
}

fn advance<'n>(node: &'n Node, step: &Step) -> Option<&'n Node> {
    match (step, node) {
        (_, Node::Unknown) | (Step::Element | Step::ArrayUse(_), Node::Rows(_)) => Some(node),
        (Step::Field(name), Node::Object(fields) | Node::Rows(fields)) => {
            fields.iter().find(|(n, _)| n == name).map(|(_, node)| node)
        }
        (Step::Element | Step::ArrayUse(_), Node::Array(inner)) => Some(inner),
        _ => None,
    }
}

/// Where in the value a read is, when it is not at the top: " in `customer`".
fn place(steps: &[&Step]) -> String {
    let parent = steps[..steps.len().saturating_sub(1)].iter().rev().find_map(|step| match step {
        Step::Field(name) => Some(name.as_str()),
        _ => None,
    });
    parent.map_or_else(String::new, |p| format!(" (in `{p}`)"))
}

fn missing_field(root: &Root, steps: &[&Step], read: &ValueRead, name: &str, fields: &[(String, Node)]) -> Diagnostic {
    let place = place(steps);
    if let Some((other, _)) = fields.iter().find(|(n, _)| same_words(n, name)) {
        return Diagnostic::error(
            CASING_MISMATCH,
            format!("`{name}`{place} is read from {}, which has `{other}`", root.what),
        )
        .at(read.span, "not the name it carries")
        .help(format!("the code uses `{name}`, the data uses `{other}`: read `{other}`"));
    }
    let names = fields.iter().map(|(n, _)| n.as_str());
    if place.is_empty() && root.columns.iter().any(|c| c == name) {
        return Diagnostic::error(
            UNKNOWN_FIELD,
            format!("`{name}`{place} is read from {}, but not selected", root.what),
        )
        .at(read.span, "not in the select")
        .help(format!("add `{name}` to the select string"));
    }
    let help = did_you_mean(name, names).map_or_else(
        || {
            let all: Vec<String> = fields.iter().map(|(n, _)| format!("`{n}`")).collect();
            if all.is_empty() { "it has no fields".to_owned() } else { format!("its fields are {}", all.join(", ")) }
        },
        |s| format!("did you mean `{s}`?"),
    );
    Diagnostic::error(UNKNOWN_FIELD, format!("`{name}`{place} is read from {}, which has no such field", root.what))
        .at(read.span, "no such field")
        .help(help)
}
