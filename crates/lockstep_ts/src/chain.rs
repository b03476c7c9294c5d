//! supabase-js method chains: `client.from('orders').select('id').eq('status', 'paid')`, the
//! same chain continued through a variable (`q = q.eq(...)`), `client.rpc('fn', args)` and
//! `client.storage.from('bucket')`.

use lockstep_diagnostics::Span;
use oxc_ast::ast::{Argument, CallExpression, ChainElement, Expression, ObjectPropertyKind};
use oxc_span::GetSpan;

use crate::extract::Collector;
use crate::facts::{ColumnRole, ColumnUse, DataOrigin, Named, RpcCall, SelectString, TableQuery};
use crate::flow::Value;
use crate::select::source_offsets;

const FILTERS: [&str; 17] = [
    "eq",
    "neq",
    "gt",
    "gte",
    "lt",
    "lte",
    "like",
    "ilike",
    "is",
    "in",
    "contains",
    "containedBy",
    "overlaps",
    "textSearch",
    "not",
    "filter",
    "likeAllOf",
];

/// A link of a method chain: the method's name and its call.
type Link<'b, 'a> = (&'b str, &'b CallExpression<'a>);

/// Functions whose result is a supabase client.
pub(crate) fn is_client_factory(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("create") && lower.ends_with("client")) || lower.contains("supabase")
}

pub(crate) fn callee_name<'a>(callee: &'a Expression<'a>) -> Option<&'a str> {
    match callee {
        Expression::Identifier(id) => Some(id.name.as_str()),
        Expression::StaticMemberExpression(member) => Some(member.property.name.as_str()),
        _ => None,
    }
}

impl Collector<'_> {
    /// Reads a chain from its outermost call inwards.
    pub(crate) fn chain<'a>(&mut self, outer: &CallExpression<'a>) {
        if !self.may_be_chain(outer) {
            return;
        }
        let mut links: Vec<Link<'_, 'a>> = Vec::new();
        let mut call = outer;
        let base = loop {
            let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else { return };
            links.push((member.property.name.as_str(), call));
            match unwrap_chain(&member.object) {
                Some(inner) => call = inner,
                None => break &member.object,
            }
        };
        links.reverse();
        // A chain continued through a variable: `query = query.eq('status', status)`.
        if let Expression::Identifier(_) = base.without_parentheses() {
            if let Some(Value::Result(DataOrigin::Query(index))) = self.eval(base) {
                self.cover(&links, DataOrigin::Query(index));
                let mut query = std::mem::take(&mut self.facts.queries[index]);
                self.apply_links(&links, &mut query);
                self.facts.queries[index] = query;
                return;
            }
        }
        let start = usize::from(links.first().is_some_and(|(name, _)| *name == "schema"));
        let Some(&(first, first_call)) = links.get(start) else { return };
        if !matches!(first, "from" | "rpc") {
            return;
        }
        let is_storage = matches!(base, Expression::StaticMemberExpression(m) if m.property.name == "storage" && self.is_client(&m.object));
        if !is_storage && !self.is_client(base) {
            return;
        }
        if is_storage {
            for (_, call) in &links {
                self.covered.insert((call.span.start, call.span.end));
            }
            if let Some(name) = self.name_argument(links[0].1, 0) {
                self.facts.buckets.push(name);
            }
            return;
        }
        if first == "rpc" {
            let single = links.iter().any(|(method, _)| matches!(*method, "single" | "maybeSingle"));
            let rpc = RpcCall { function: self.name_argument(first_call, 0), args: self.rpc_args(first_call), single };
            self.facts.rpc_calls.push(rpc);
            self.cover(&links, DataOrigin::Rpc(self.facts.rpc_calls.len() - 1));
            return;
        }
        let mut query = TableQuery::default();
        if start == 1 {
            query.schema = self.name_argument(links[0].1, 0).map(|n| n.name);
        }
        query.table = self.name_argument(first_call, 0);
        self.apply_links(&links[start + 1..], &mut query);
        self.facts.queries.push(query);
        self.cover(&links, DataOrigin::Query(self.facts.queries.len() - 1));
    }

    /// A look down the chain without allocating: its first method must start a supabase-js
    /// chain (`from`, `rpc`, `schema`), or its base must be a variable holding a query. Most
    /// calls (`rows.map(...)`, `console.log(...)`) stop here.
    fn may_be_chain(&self, outer: &CallExpression) -> bool {
        let mut call = outer;
        loop {
            let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else { return false };
            match unwrap_chain(&member.object) {
                Some(inner) => call = inner,
                None => {
                    return matches!(member.property.name.as_str(), "from" | "rpc" | "schema")
                        || matches!(member.object.without_parentheses(), Expression::Identifier(id) if self.scopes.holds(&id.name));
                }
            }
        }
    }

    /// Marks a chain's calls as read, each standing for the chain's result.
    fn cover(&mut self, links: &[Link], origin: DataOrigin) {
        for (_, call) in links {
            self.covered.insert((call.span.start, call.span.end));
            self.chain_calls.insert((call.span.start, call.span.end), origin);
        }
    }

    pub(crate) fn is_client(&self, expr: &Expression) -> bool {
        match expr.without_parentheses() {
            Expression::Identifier(id) => {
                self.known.names.contains(id.name.as_str()) || id.name.to_ascii_lowercase().contains("supabase")
            }
            Expression::StaticMemberExpression(member) => {
                member.property.name.to_ascii_lowercase().contains("supabase")
            }
            Expression::CallExpression(call) => callee_name(&call.callee).is_some_and(is_client_factory),
            Expression::AwaitExpression(await_expr) => self.is_client(&await_expr.argument),
            _ => false,
        }
    }

    /// The keys of `.rpc(name, { ... })`: known only for an object literal without spreads.
    fn rpc_args(&self, call: &CallExpression) -> Option<Vec<Named>> {
        let Some(arg) = call.arguments.get(1) else { return Some(Vec::new()) };
        let Expression::ObjectExpression(object) = arg.as_expression()?.without_parentheses() else { return None };
        let mut keys = Vec::new();
        for property in &object.properties {
            match property {
                ObjectPropertyKind::ObjectProperty(p) if !p.computed => {
                    keys.push(Named { name: p.key.static_name()?.to_string(), span: self.key_span(p.key.span()) });
                }
                _ => return None,
            }
        }
        Some(keys)
    }

    fn apply_links(&mut self, links: &[Link], query: &mut TableQuery) {
        for (name, call) in links {
            match *name {
                "select" => {
                    if let Some((content, span)) = self.string_content(call, 0) {
                        let raw = self.text.get(span.start as usize..span.end as usize).unwrap_or_default();
                        let source_offsets =
                            if raw == content { Vec::new() } else { source_offsets(raw, &content).unwrap_or_default() };
                        query.select =
                            Some(SelectString { file_offset: span, source_offsets, text: content.into_boxed_str() });
                    } else if !call.arguments.is_empty() {
                        query.dynamic_select = true;
                    }
                }
                "single" | "maybeSingle" => query.single = true,
                // `{ referencedTable: 'prices' }` orders an embedded table by its own column.
                "order" if !names_other_table(call) => self.column_argument(call, ColumnRole::Order, query),
                "insert" | "upsert" | "update" => {
                    let method: &'static str = match *name {
                        "insert" => "insert",
                        "upsert" => "upsert",
                        _ => "update",
                    };
                    if let Some(arg) = call.arguments.first().and_then(Argument::as_expression) {
                        self.payload_keys(arg, method, query);
                    }
                    if let Some(options) = call.arguments.get(1).and_then(Argument::as_expression) {
                        self.on_conflict(options, query);
                    }
                }
                method => {
                    if let Some(filter) = FILTERS.iter().find(|f| **f == method) {
                        self.column_argument(call, ColumnRole::Filter(filter), query);
                    }
                }
            }
        }
    }

    /// A column named by a call's first argument; embedded-resource paths (`author.name`) and
    /// JSON paths (`data->>x`) name their base column.
    fn column_argument(&self, call: &CallExpression, role: ColumnRole, query: &mut TableQuery) {
        let Some(named) = self.string_argument(call, 0) else { return };
        if named.name.contains('.') {
            return;
        }
        let base_len = named.name.find("->").unwrap_or(named.name.len());
        let name = named.name[..base_len].trim().to_owned();
        let span = Span::new(self.file, named.span.start, named.span.start + base_len as u32);
        let values =
            call.arguments.get(1).and_then(Argument::as_expression).map(|v| self.string_values(v)).unwrap_or_default();
        query.columns.push(ColumnUse { name: Named { name, span }, role, values });
    }

    fn payload_keys(&self, expr: &Expression, method: &'static str, query: &mut TableQuery) {
        match expr.without_parentheses() {
            Expression::ObjectExpression(object) => {
                for property in &object.properties {
                    if let ObjectPropertyKind::ObjectProperty(property) = property {
                        if property.computed {
                            continue;
                        }
                        if let Some(name) = property.key.static_name() {
                            let span = self.key_span(property.key.span());
                            let values = self.string_values(&property.value);
                            query.columns.push(ColumnUse {
                                name: Named { name: name.to_string(), span },
                                role: ColumnRole::Payload(method),
                                values,
                            });
                        }
                    }
                }
            }
            Expression::ArrayExpression(array) => {
                for element in &array.elements {
                    if let Some(expr) = element.as_expression() {
                        self.payload_keys(expr, method, query);
                    }
                }
            }
            _ => {}
        }
    }

    fn on_conflict(&self, options: &Expression, query: &mut TableQuery) {
        let Expression::ObjectExpression(object) = options.without_parentheses() else { return };
        for property in &object.properties {
            let ObjectPropertyKind::ObjectProperty(property) = property else { continue };
            if property.key.static_name().as_deref() != Some("onConflict") {
                continue;
            }
            if let Some((content, span)) = self.literal_content(&property.value) {
                let mut offset = 0;
                for part in content.split(',') {
                    let trimmed = part.trim();
                    let lead = (part.len() - part.trim_start().len()) as u32;
                    let start = span.start + offset + lead;
                    if !trimmed.is_empty() {
                        let name = Named {
                            name: trimmed.to_owned(),
                            span: Span::new(self.file, start, start + trimmed.len() as u32),
                        };
                        query.columns.push(ColumnUse { name, role: ColumnRole::OnConflict, values: Vec::new() });
                    }
                    offset += part.len() as u32 + 1;
                }
            }
        }
    }

    /// The string literals of a value: one literal, or the literals of an array.
    fn string_values(&self, expr: &Expression) -> Vec<Named> {
        match expr.without_parentheses() {
            Expression::ArrayExpression(array) => array
                .elements
                .iter()
                .filter_map(|e| e.as_expression())
                .filter_map(|e| self.literal_content(e))
                .map(|(name, span)| Named { name, span })
                .collect(),
            other => self.literal_content(other).map(|(name, span)| Named { name, span }).into_iter().collect(),
        }
    }
}

/// The call inside a member's object, through `?.` chains and `await`-free parentheses.
fn unwrap_chain<'b, 'a>(expr: &'b Expression<'a>) -> Option<&'b CallExpression<'a>> {
    match expr.without_parentheses() {
        Expression::CallExpression(call) => Some(call),
        Expression::ChainExpression(chain) => match &chain.expression {
            ChainElement::CallExpression(call) => Some(call),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a call's options (`{ referencedTable }`, or the older `{ foreignTable }`) say its column
/// belongs to an embedded table rather than the queried one.
fn names_other_table(call: &CallExpression) -> bool {
    call.arguments.iter().filter_map(Argument::as_expression).any(|arg| match arg.without_parentheses() {
        Expression::ObjectExpression(object) => object.properties.iter().any(|p| match p {
            ObjectPropertyKind::ObjectProperty(p) => {
                matches!(p.key.static_name().as_deref(), Some("referencedTable" | "foreignTable"))
            }
            ObjectPropertyKind::SpreadProperty(_) => false,
        }),
        _ => false,
    })
}
