//! Contract ↔ UI: the tables, columns, functions and buckets that supabase-js calls in the code
//! name (under database names, as supabase-js sends them), the endpoints its HTTP calls reach,
//! and what it reads from their results, against what the contract declares.

mod reads;
mod renamed;

pub use renamed::Renames;

use lockstep_contract::model::{Contract, Endpoint, Entity, Field, FieldType, split_words};
use lockstep_diagnostics::{ContractPath, Diagnostic, did_you_mean};
use lockstep_ts::facts::{ColumnRole, FileFacts, HttpCall, Named, RpcCall, StatusCheck, TableQuery, UrlSegment};
use lockstep_ts::select::SelectItem;

use crate::shape::embedded;

pub const UNKNOWN_TABLE: &str = "ui/unknown-table";
pub const UNKNOWN_COLUMN: &str = "ui/unknown-column";
pub const CASING_MISMATCH: &str = "ui/casing-mismatch";
pub const INVALID_SELECT: &str = "ui/invalid-select";
pub const UNKNOWN_BUCKET: &str = "ui/unknown-bucket";
pub const INVALID_ENUM_VALUE: &str = "ui/invalid-enum-value";
pub const UNKNOWN_ENDPOINT: &str = "ui/unknown-endpoint";
pub const METHOD_NOT_ALLOWED: &str = "ui/method-not-allowed";
pub const UNPARSED_FILE: &str = "ui/unparsed-file";
pub const UNKNOWN_FIELD: &str = "ui/unknown-field";
pub const RESPONSE_SHAPE: &str = "ui/response-shape";
pub const UNDECLARED_STATUS: &str = "ui/undeclared-status";
pub const UNKNOWN_FUNCTION: &str = "ui/unknown-function";

/// What other sources tell the UI rules.
#[derive(Clone, Copy, Debug)]
pub struct UiContext<'a> {
    /// The tables and columns the migrations renamed, so a query of an old name says what it is
    /// called now.
    pub renames: &'a renamed::Renames<'a>,
    /// What the app's schema sources leave undescribed: said once by the database layer, so
    /// the code's uses of it are not checked.
    pub undescribed: &'a Undescribed,
    /// Paths whose route handler checks no method (an Edge Function without `req.method`
    /// tests): it serves every method, so a call is not judged by the method the contract
    /// names for it.
    pub any_method_routes: &'a [String],
    /// Handlers (method, path) some of whose answers have a status the code computes or takes
    /// from a helper (`return auth.response`): any status may come back, so comparing with one
    /// the contract does not list is no drift. The method is `ANY` for a handler of every method.
    pub open_status_routes: &'a [(String, String)],
    /// Paths served by route files that do not parse (reported once, at the file): a call of
    /// one is not an unknown endpoint, since its endpoint could not be derived or checked.
    pub unparsed_routes: &'a [String],
}

/// What exists in the app's database but no schema source describes: tables the migrations use
/// but never create, functions they alter but never create (both made in a dashboard), and
/// storage buckets no migration creates.
#[derive(Clone, Debug, Default)]
pub struct Undescribed {
    pub tables: Vec<lockstep_schema::QualifiedName>,
    pub functions: Vec<lockstep_schema::QualifiedName>,
    pub buckets: Vec<String>,
}

static NO_RENAMES: std::sync::LazyLock<renamed::Renames<'static>> = std::sync::LazyLock::new(Default::default);

/// Nothing undescribed: what a check without a database layer knows.
static NOTHING_UNDESCRIBED: Undescribed =
    Undescribed { tables: Vec::new(), functions: Vec::new(), buckets: Vec::new() };

impl Default for UiContext<'_> {
    fn default() -> Self {
        UiContext {
            renames: &NO_RENAMES,
            undescribed: &NOTHING_UNDESCRIBED,
            any_method_routes: &[],
            open_status_routes: &[],
            unparsed_routes: &[],
        }
    }
}

/// Checks one file's facts against the contract.
pub fn check_ui(contract: &Contract, facts: &FileFacts, context: &UiContext) -> Vec<Diagnostic> {
    check_ui_with_reads(contract, facts, context, check_reads(contract, facts))
}

/// What the code reads from query rows, rpc results and API responses, against what those
/// carry: the part of [`check_ui`] that needs the contract and the file alone. A caller holding
/// many files runs it as soon as a file is parsed, then drops the file's reads (most of its
/// facts) and calls [`check_ui_with_reads`] once the other sources are known.
pub fn check_reads(contract: &Contract, facts: &FileFacts) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    reads::check_reads(contract, facts, &mut findings);
    findings
}

/// [`check_ui`] with the findings of [`check_reads`] made earlier: the same findings, in the
/// same order, whether `facts` still hold their reads or not.
pub fn check_ui_with_reads(
    contract: &Contract,
    facts: &FileFacts,
    context: &UiContext,
    reads: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    if let Some((message, span)) = &facts.parse_error {
        findings.push(
            Diagnostic::warning(UNPARSED_FILE, format!("this file does not parse ({message}); it was not checked"))
                .at(*span, "here")
                .help("fix the syntax error, or exclude the file in lockstep.toml (`[sources] exclude`)"),
        );
        return findings;
    }
    for query in &facts.queries {
        let undescribed = query.table.as_ref().is_some_and(|table| {
            let schema = query.schema.as_deref().unwrap_or("public");
            context.undescribed.tables.iter().any(|t| t.name == table.name && t.schema == schema)
                && !contract.entities.iter().any(|e| e.table == table.name && e.schema == schema)
        });
        if !undescribed {
            check_query(contract, query, context, &mut findings);
        }
    }
    for call in &facts.http_calls {
        check_http_call(contract, call, context, &mut findings);
    }
    for check in &facts.status_checks {
        check_status(contract, facts, check, context, &mut findings);
    }
    for rpc in &facts.rpc_calls {
        let undescribed = rpc.function.as_ref().is_some_and(|name| {
            contract.function(&name.name).is_none() && context.undescribed.functions.iter().any(|f| f.name == name.name)
        });
        if !undescribed {
            check_rpc(contract, rpc, &mut findings);
        }
    }
    findings.extend(reads);
    for bucket in &facts.buckets {
        if contract.buckets.iter().any(|b| b.name == bucket.name) || context.undescribed.buckets.contains(&bucket.name)
        {
            continue;
        }
        let names: Vec<&str> = contract.buckets.iter().map(|b| b.name.as_str()).collect();
        findings.push(
            Diagnostic::error(UNKNOWN_BUCKET, format!("the contract has no storage bucket `{}`", bucket.name))
                .at(bucket.span, "no such bucket")
                .help(did_you_mean(&bucket.name, names).map_or_else(
                    || format!("declare it: `bucket {} {{ private }}`", bucket.name),
                    |s| format!("did you mean `{s}`?"),
                )),
        );
    }
    findings
}

fn check_query(contract: &Contract, query: &TableQuery, context: &UiContext, findings: &mut Vec<Diagnostic>) {
    let renames = context.renames;
    let Some(table) = &query.table else { return };
    let schema = query.schema.as_deref().unwrap_or("public");
    let Some(entity) = contract.entities.iter().find(|e| e.table == table.name && e.schema == schema) else {
        findings.push(renamed::table(unknown_table(contract, table), renames, &table.name));
        return;
    };
    findings.extend(renamed::stale_table(renames, entity, table));
    if let Some(select) = &query.select {
        match select.parsed() {
            Ok(items) => {
                check_items(contract, entity, &items, &|start, end| select.span(start, end), context, findings);
            }
            Err(err) => findings.push(
                Diagnostic::error(INVALID_SELECT, format!("invalid select string: {}", err.message))
                    .at(select.span(err.start, err.end), "here")
                    .help("PostgREST selects are `column`, `alias:column`, `column::type`, `json->key`, `resource(columns)` and `*`, separated by commas"),
            ),
        }
    }
    for column in &query.columns {
        match entity.field_by_column(&column.name.name) {
            None => findings.push(renamed::column(
                unknown_column(entity, &column.name, &format!("in a {}", column.role.describe())),
                renames,
                entity,
                &column.name.name,
            )),
            Some(field) => {
                findings.extend(renamed::stale_column(renames, entity, &column.name));
                if compares_values(column.role) {
                    check_enum_values(contract, entity, field, &column.values, findings);
                }
            }
        }
    }
}

fn check_items(
    contract: &Contract,
    entity: &Entity,
    items: &[SelectItem],
    span: &dyn Fn(u32, u32) -> lockstep_diagnostics::Span,
    context: &UiContext,
    findings: &mut Vec<Diagnostic>,
) {
    let renames = context.renames;
    for item in items {
        match item {
            SelectItem::Star { .. } | SelectItem::Aggregate { .. } => {}
            SelectItem::Column { column, .. } => {
                let named = Named { name: column.text.clone(), span: span(column.start, column.end) };
                // `select('count')`: PostgREST's row count, as older supabase-js code asks for it.
                let legacy_count = column.text == "count" && items.len() == 1;
                if entity.field_by_column(&column.text).is_none() && !legacy_count {
                    let finding = unknown_column(entity, &named, "in the select");
                    findings.push(renamed::column(finding, renames, entity, &column.text));
                } else {
                    findings.extend(renamed::stale_column(renames, entity, &named));
                }
            }
            SelectItem::Embed { resource, items, .. } => {
                let target = embedded(contract, entity, &resource.text);
                if let Some(target) = target {
                    check_items(contract, target, items, span, context, findings);
                } else if let Some(field) = entity.field_by_column(&resource.text) {
                    embed_through_column(entity, field, span(resource.start, resource.end), findings);
                } else if !context.undescribed.tables.iter().any(|t| t.name == resource.text) {
                    let named = Named { name: resource.text.clone(), span: span(resource.start, resource.end) };
                    findings.push(renamed::table(unknown_table(contract, &named), renames, &resource.text));
                }
            }
        }
    }
}

/// `alias:column(...)` whose column has no reference the contract can follow: none at all
/// (PostgREST cannot embed), one into `auth` (PostgREST does not expose it), or one to a table
/// outside the contract (not checked).
fn embed_through_column(
    entity: &Entity,
    field: &Field,
    at: lockstep_diagnostics::Span,
    findings: &mut Vec<Diagnostic>,
) {
    use lockstep_contract::model::ForeignTarget;
    match field.references.as_ref().map(|r| &r.target) {
        None => findings.push(
            Diagnostic::error(
                UNKNOWN_TABLE,
                format!("`{}.{}` references no table, so PostgREST cannot embed through it", entity.table, field.db_name),
            )
            .at(at, "no foreign key on this column")
            .related(field.origin.span, "the field, without a reference")
            .contract(ContractPath::field(&entity.name, &field.name))
            .help("add the foreign key in a migration (and `-> Entity.field` in the contract), or embed the table by its name"),
        ),
        Some(ForeignTarget::External { schema, table }) if schema == "auth" => findings.push(
            Diagnostic::error(
                UNKNOWN_TABLE,
                format!(
                    "`{}.{}` references `auth.{table}`, which PostgREST does not expose, so it cannot embed through it",
                    entity.table, field.db_name
                ),
            )
            .at(at, "embeds the auth schema")
            .related(field.origin.span, "the field")
            .contract(ContractPath::field(&entity.name, &field.name))
            .help("embed a public table that mirrors the users (a `profiles` table keyed by the user id) instead"),
        ),
        Some(_) => {}
    }
}

/// `ui/unknown-endpoint` and `ui/method-not-allowed`: a call to the app's API (a path whose first
/// segment starts some contract endpoint, such as `/api/...`) that no endpoint serves.
fn check_http_call(contract: &Contract, call: &HttpCall, context: &UiContext, findings: &mut Vec<Diagnostic>) {
    let Some(UrlSegment::Literal(first)) = call.segments.first() else { return };
    let in_api =
        contract.endpoints.iter().any(|e| e.path.trim_start_matches('/').split('/').next() == Some(first.as_str()));
    if !in_api {
        return;
    }
    let shown = shown_path(&call.segments);
    let matching = reached(contract, &call.segments);
    if matching.is_empty() && context.unparsed_routes.iter().any(|route| path_matches(route, &call.segments)) {
        return;
    }
    if matching.is_empty() {
        let mut paths: Vec<&str> = contract.endpoints.iter().map(|e| e.path.as_str()).collect();
        paths.sort_unstable();
        paths.dedup();
        let suggestion = did_you_mean(&shown, paths.iter().copied());
        findings.push(
            Diagnostic::error(UNKNOWN_ENDPOINT, format!("no endpoint of the contract serves `{shown}`"))
                .at(call.url_span, "no such endpoint")
                .help(suggestion.map_or_else(
                    || {
                        format!(
                            "the endpoints are {}",
                            paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
                        )
                    },
                    |s| format!("did you mean `{s}`?"),
                )),
        );
        return;
    }
    let method = call.method.as_ref().map_or("GET", |m| m.name.as_str());
    // A method the code computes (`method: editing ? 'PUT' : 'POST'`) is not judged.
    if call.dynamic_method || matching.iter().any(|e| e.method.as_str() == method) {
        return;
    }
    // A dynamic segment may be any literal of a path too (`/api/orders/${kind}` may be
    // `/api/orders/export`): no finding while some endpoint it may reach takes the method.
    let dynamic = call.segments.contains(&UrlSegment::Dynamic);
    if dynamic
        && contract.endpoints.iter().any(|e| e.method.as_str() == method && path_matches(&e.path, &call.segments))
    {
        return;
    }
    let any_method =
        |e: &&Endpoint| context.any_method_routes.iter().any(|route| crate::api::same_path(route, &e.path));
    if matching.iter().any(any_method) {
        return;
    }
    let allowed: Vec<&str> = matching.iter().map(|e| e.method.as_str()).collect();
    let span = call.method.as_ref().map_or(call.url_span, |m| m.span);
    findings.push(
        Diagnostic::error(METHOD_NOT_ALLOWED, format!("`{}` does not accept {method}", matching[0].path))
            .at(span, if call.method.is_some() { "this method" } else { "sent as GET" })
            .related(matching[0].origin.span, "the endpoint")
            .contract(matching[0].element(None))
            .help(format!("the contract allows {} here", allowed.join(", "))),
    );
}

/// The endpoint a call reaches with its method (GET when the code does not say); `None` when
/// the call's dynamic parts leave more than one possible: its shape is then unknown, not the
/// first candidate's.
pub(crate) fn endpoint_for<'c>(contract: &'c Contract, call: &HttpCall) -> Option<&'c Endpoint> {
    let method = call.method.as_ref().map_or("GET", |m| m.name.as_str());
    let mut candidates =
        reached(contract, &call.segments).into_iter().filter(|e| call.dynamic_method || e.method.as_str() == method);
    let endpoint = candidates.next()?;
    candidates.next().is_none().then_some(endpoint)
}

/// The endpoints whose path serves a call, keeping only the best fitting paths, leftmost
/// segment first: for a literal segment of the call a literal of the path wins over a parameter,
/// as in Next.js, Express and Hono (`/api/orders/export` is not `/api/orders/{id}`); for a
/// dynamic segment (`${id}`) a parameter wins over a literal.
fn reached<'c>(contract: &'c Contract, segments: &[UrlSegment]) -> Vec<&'c Endpoint> {
    let rank = |path: &str| -> Vec<bool> {
        path.trim_start_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .zip(segments)
            .map(|(part, segment)| matches!(segment, UrlSegment::Literal(_)) != part.starts_with('{'))
            .collect()
    };
    let mut matching: Vec<&Endpoint> = contract.endpoints.iter().filter(|e| path_matches(&e.path, segments)).collect();
    // Supabase sends every sub-path of an Edge Function (`/functions/v1/records/42`) to the
    // function, which routes it itself: without an endpoint for the sub-path, the function's
    // own endpoints serve it.
    let is_function_subpath = segments.len() > 3
        && matches!(&segments[..2], [UrlSegment::Literal(f), UrlSegment::Literal(v)] if f == "functions" && v == "v1");
    if matching.is_empty() && is_function_subpath {
        matching = contract.endpoints.iter().filter(|e| path_matches(&e.path, &segments[..3])).collect();
        return matching;
    }
    let Some(best) = matching.iter().map(|e| rank(&e.path)).max() else { return matching };
    matching.into_iter().filter(|e| rank(&e.path) == best).collect()
}

/// `ui/undeclared-status`: the code compares a response's status with one its endpoint never
/// returns (waiting for 200 from a 204 endpoint).
fn check_status(
    contract: &Contract,
    facts: &FileFacts,
    check: &StatusCheck,
    context: &UiContext,
    findings: &mut Vec<Diagnostic>,
) {
    let Some(endpoint) = facts.http_calls.get(check.call).and_then(|call| endpoint_for(contract, call)) else {
        return;
    };
    let open = context
        .open_status_routes
        .iter()
        .any(|(method, path)| *path == endpoint.path && (method == endpoint.method.as_str() || method == "ANY"));
    if endpoint.response(check.status).is_some() || open {
        return;
    }
    let declared: Vec<String> = endpoint.responses.iter().map(|r| format!("`{}`", r.status)).collect();
    let success: Vec<u16> = endpoint.responses.iter().map(|r| r.status).filter(|s| (200..300).contains(s)).collect();
    let help = match success.as_slice() {
        [one] if (200..300).contains(&check.status) => {
            format!("on success it returns {one}: compare with {one}, or use `res.ok`")
        }
        _ if declared.is_empty() => "the contract declares no status for it".to_owned(),
        _ => format!("it returns {}", declared.join(", ")),
    };
    findings.push(
        Diagnostic::error(
            UNDECLARED_STATUS,
            format!("`{} {}` never returns {}", endpoint.method.as_str(), endpoint.path, check.status),
        )
        .at(check.span, "not a status of this endpoint")
        .related(endpoint.origin.span, "the endpoint")
        .contract(endpoint.element(Some(check.status)))
        .help(help),
    );
}

/// `ui/unknown-function`: an rpc to a function the contract does not declare, or with argument
/// names it does not take.
fn check_rpc(contract: &Contract, rpc: &RpcCall, findings: &mut Vec<Diagnostic>) {
    let Some(name) = &rpc.function else { return };
    let Some(function) = contract.function(&name.name) else {
        let names = contract.functions.iter().map(|f| f.name.as_str());
        let help = contract.functions.iter().find(|f| same_words(&f.name, &name.name)).map_or_else(
            || {
                did_you_mean(&name.name, names).map_or_else(
                    || format!("declare it: `function {} {{ args {{ ... }} }}`", name.name),
                    |s| format!("did you mean `{s}`?"),
                )
            },
            |f| format!("the function is `{}`: PostgREST names it as the database does", f.name),
        );
        findings.push(
            Diagnostic::error(UNKNOWN_FUNCTION, format!("the contract has no function `{}`", name.name))
                .at(name.span, "no such function")
                .help(help),
        );
        return;
    };
    let Some(args) = &rpc.args else { return };
    let declared: Vec<&str> = function.args.iter().map(|a| a.name.as_str()).collect();
    // An argument under a wrong name is reported once, with its right name, not again as missing.
    let mut renamed: Vec<String> = Vec::new();
    for arg in args {
        if declared.contains(&arg.name.as_str()) {
            continue;
        }
        let suggestion = declared
            .iter()
            .find(|d| same_words(d, &arg.name))
            .map(|d| (*d).to_owned())
            .or_else(|| did_you_mean(&arg.name, declared.iter().copied()).map(str::to_owned));
        renamed.extend(suggestion.clone());
        findings.push(
            Diagnostic::error(UNKNOWN_FUNCTION, format!("function `{}` has no argument `{}`", function.name, arg.name))
                .at(arg.span, "no such argument")
                .related(function.origin.span, "the function")
                .contract(ContractPath::Function(function.name.clone()))
                .help(suggestion.map_or_else(
                    || format!("its arguments are {}", list(&declared)),
                    |s| format!("did you mean `{s}`? PostgREST matches arguments by name"),
                )),
        );
    }
    let missing: Vec<&str> = function
        .args
        .iter()
        .filter(|a| !a.optional && a.default.is_none() && !args.iter().any(|g| g.name == a.name))
        .filter(|a| !renamed.contains(&a.name))
        .map(|a| a.name.as_str())
        .collect();
    if !missing.is_empty() {
        findings.push(
            Diagnostic::error(UNKNOWN_FUNCTION, format!("`.rpc('{}')` leaves out {}", function.name, list(&missing)))
                .at(name.span, "PostgREST finds no function with these arguments")
                .related(function.origin.span, "the function")
                .contract(ContractPath::Function(function.name.clone()))
                .help(format!("pass {} in the arguments object", list(&missing))),
        );
    }
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// A call's path as written, with dynamic parts as `{}`.
fn shown_path(segments: &[UrlSegment]) -> String {
    let parts: Vec<&str> = segments
        .iter()
        .map(|s| match s {
            UrlSegment::Literal(l) => l.as_str(),
            UrlSegment::Dynamic => "{}",
        })
        .collect();
    format!("/{}", parts.join("/"))
}

/// Whether a contract path (`/api/orders/{id}`) serves a call's segments: literals must agree; a
/// parameter takes any segment; a dynamic segment of the call may be anything.
fn path_matches(path: &str, segments: &[UrlSegment]) -> bool {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    parts.len() == segments.len()
        && parts.iter().zip(segments).all(|(part, segment)| match segment {
            UrlSegment::Dynamic => true,
            UrlSegment::Literal(literal) => part.starts_with('{') || part == literal,
        })
}

/// Filters and payloads whose values must be values of the column's type; pattern filters
/// (`like`, `textSearch`) are not compared.
fn compares_values(role: ColumnRole) -> bool {
    match role {
        ColumnRole::Filter(method) => matches!(method, "eq" | "neq" | "in" | "contains" | "containedBy" | "overlaps"),
        ColumnRole::Payload(_) => true,
        ColumnRole::Order | ColumnRole::OnConflict => false,
    }
}

/// `ui/invalid-enum-value`: a literal compared with or written to an enum column that is not
/// one of the enum's values.
fn check_enum_values(
    contract: &Contract,
    entity: &Entity,
    field: &Field,
    values: &[Named],
    findings: &mut Vec<Diagnostic>,
) {
    let enum_name = match &field.ty {
        FieldType::Enum(name) => name,
        FieldType::Array(inner) => match inner.as_ref() {
            FieldType::Enum(name) => name,
            _ => return,
        },
        FieldType::Scalar(_) => {
            check_allowed_values(entity, field, values, findings);
            return;
        }
    };
    let Some(declared) = contract.enumeration(enum_name) else { return };
    let names: Vec<&str> = declared.values.iter().map(|v| v.name.as_str()).collect();
    for value in values {
        if names.contains(&value.name.as_str()) {
            continue;
        }
        findings.push(
            Diagnostic::error(
                INVALID_ENUM_VALUE,
                format!(
                    "`{}` is not a value of enum `{enum_name}` (column `{}.{}`)",
                    value.name, entity.table, field.db_name
                ),
            )
            .at(value.span, "not an enum value")
            .related(declared.origin.span, "the enum")
            .contract(ContractPath::field(&entity.name, &field.name))
            .help(value_help(&value.name, &names)),
        );
    }
}

/// The fix for a value the column does not take: the closest allowed one, or all of them.
fn value_help(value: &str, allowed: &[&str]) -> String {
    did_you_mean(value, allowed.iter().copied()).map_or_else(
        || format!("the values are {}", allowed.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
        |s| format!("did you mean `{s}`?"),
    )
}

/// `ui/invalid-enum-value` for a text column whose check lists its values
/// (`@check(`status in ('draft', 'sent')`)`), the way most hand-written schemas make enums.
fn check_allowed_values(entity: &Entity, field: &Field, values: &[Named], findings: &mut Vec<Diagnostic>) {
    let Some(allowed) = &field.allowed_values else { return };
    for value in values.iter().filter(|v| !allowed.contains(&v.name)) {
        findings.push(
            Diagnostic::error(
                INVALID_ENUM_VALUE,
                format!(
                    "`{}` is not a value the check of column `{}.{}` allows",
                    value.name, entity.table, field.db_name
                ),
            )
            .at(value.span, "not an allowed value")
            .related(field.origin.span, "the field and its check")
            .contract(ContractPath::field(&entity.name, &field.name))
            .help(value_help(&value.name, &allowed.iter().map(String::as_str).collect::<Vec<_>>())),
        );
    }
}

fn same_words(a: &str, b: &str) -> bool {
    split_words(a) == split_words(b)
}

fn unknown_table(contract: &Contract, table: &Named) -> Diagnostic {
    if let Some(entity) = contract.entities.iter().find(|e| same_words(&e.table, &table.name) || e.name == table.name) {
        return Diagnostic::error(
            CASING_MISMATCH,
            format!("there is no table `{}`; the table is `{}`", table.name, entity.table),
        )
        .at(table.span, "not the database name")
        .contract(ContractPath::Entity(entity.name.clone()))
        .help(format!("supabase-js names tables as the database does: write `{}`", entity.table));
    }
    let tables: Vec<&str> = contract.entities.iter().map(|e| e.table.as_str()).collect();
    Diagnostic::error(UNKNOWN_TABLE, format!("the contract has no table `{}`", table.name))
        .at(table.span, "no such table")
        .help(did_you_mean(&table.name, tables).map_or_else(
            || "declare the entity in the contract, or fix the table name".to_owned(),
            |s| format!("did you mean `{s}`?"),
        ))
}

fn unknown_column(entity: &Entity, column: &Named, place: &str) -> Diagnostic {
    let element = |field: &lockstep_contract::model::Field| ContractPath::field(&entity.name, &field.name);
    if let Some(field) = entity
        .fields
        .iter()
        .find(|f| f.api_name == column.name || f.name == column.name || same_words(&f.db_name, &column.name))
    {
        return Diagnostic::error(
            CASING_MISMATCH,
            format!(
                "table `{}` has no column `{}` {place}; the column is `{}`",
                entity.table, column.name, field.db_name
            ),
        )
        .at(column.span, "not the database name")
        .contract(element(field))
        .help(if place == "in the select" {
            format!(
                "supabase-js uses database names: write `{}`, or alias it: `{}:{}`",
                field.db_name, column.name, field.db_name
            )
        } else {
            format!("supabase-js uses database names: write `{}`", field.db_name)
        });
    }
    let columns: Vec<&str> = entity.fields.iter().map(|f| f.db_name.as_str()).collect();
    let suggestion = did_you_mean(&column.name, columns.iter().copied());
    Diagnostic::error(UNKNOWN_COLUMN, format!("table `{}` has no column `{}` {place}", entity.table, column.name))
        .at(column.span, "no such column")
        .contract(ContractPath::Entity(entity.name.clone()))
        .help(suggestion.map_or_else(
            || format!("the columns are {}", columns.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")),
            |s| format!("did you mean `{s}`?"),
        ))
}
