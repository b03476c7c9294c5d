//! Reads one file with `oxc` and collects its supabase-js queries. A client is recognised by
//! where it comes from (`createClient(...)` and the other factories, or an import from a module
//! whose path mentions supabase) or by its name mentioning supabase; `.from(` on anything else
//! (`Array.from`, a query builder) is not a query.

use std::collections::HashSet;

use lockstep_diagnostics::{FileId, Span};
use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, BindingPattern, CallExpression, ChainElement, ComputedMemberExpression, Expression, ImportDeclaration,
    ImportDeclarationSpecifier, ObjectPropertyKind, StaticMemberExpression, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType};

use crate::facts::{ColumnRole, ColumnUse, EnvAccess, EnvRead, FileFacts, Named, SelectString, TableQuery};
use crate::select::parse_select;

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

/// Nesting deeper than this is refused before parsing: recursive-descent parsers and visitors
/// use stack for every level, and no hand-written code nests this deep.
const MAX_NESTING: usize = 400;

/// Where the text first nests brackets deeper than [`MAX_NESTING`], skipping strings and
/// comments roughly (a false alarm needs hundreds of unbalanced brackets inside strings).
fn too_deep(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i as u32);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            quote @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Functions whose result is a supabase client.
fn is_client_factory(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("create") && lower.ends_with("client")) || lower.contains("supabase")
}

/// Parses `text` (TypeScript or JavaScript as `path`'s extension says) and extracts its facts.
pub fn extract(file: FileId, path: &str, text: &str) -> FileFacts {
    if let Some(at) = too_deep(text) {
        let message = format!("nested more than {MAX_NESTING} levels deep; the file was skipped");
        return FileFacts { parse_error: Some((message, Span::new(file, at, at + 1))), ..FileFacts::default() };
    }
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::tsx());
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, source_type).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let first = parsed.diagnostics.errors().next();
        let message = first.map_or_else(|| "the parser gave up".to_owned(), |d| d.message.to_string());
        let span = first
            .and_then(|d| d.labels.first())
            .map_or(Span::new(file, 0, 0), |l| Span::new(file, l.offset(), l.offset() + l.len()));
        return FileFacts { parse_error: Some((message, span)), ..FileFacts::default() };
    }
    let mut clients = Clients::default();
    clients.visit_program(&parsed.program);
    let mut collector = Collector {
        file,
        text,
        clients: clients.names,
        axios: clients.axios,
        covered: HashSet::new(),
        facts: FileFacts::default(),
    };
    collector.facts.is_client = parsed.program.directives.iter().any(|d| d.directive == "use client");
    collector.visit_program(&parsed.program);
    if collector.facts.env_reads.iter().any(|r| r.via == EnvAccess::ImportMetaEnv) {
        collector.facts.is_client = true;
    }
    collector.facts
}

/// First pass: the names bound to supabase clients in this file.
#[derive(Default)]
struct Clients {
    names: HashSet<String>,
    axios: HashSet<String>,
}

impl<'a> Visit<'a> for Clients {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        if it.source.value == "axios" {
            for specifier in it.specifiers.iter().flatten() {
                if let ImportDeclarationSpecifier::ImportDefaultSpecifier(s) = specifier {
                    self.axios.insert(s.local.name.to_string());
                }
            }
        }
        if it.source.value.to_ascii_lowercase().contains("supabase") {
            for specifier in it.specifiers.iter().flatten() {
                let local = match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => &s.local,
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => &s.local,
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => &s.local,
                };
                self.names.insert(local.name.to_string());
            }
        }
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&it.id, &it.init) {
            let mut init = init.without_parentheses();
            if let Expression::AwaitExpression(await_expr) = init {
                init = &await_expr.argument;
            }
            if let Expression::CallExpression(call) = init {
                if callee_name(&call.callee).is_some_and(is_client_factory) {
                    self.names.insert(id.name.to_string());
                }
                // `const api = axios.create({ ... })`
                if let Expression::StaticMemberExpression(member) = &call.callee {
                    if member.property.name == "create"
                        && matches!(&member.object, Expression::Identifier(o) if self.axios.contains(o.name.as_str()))
                    {
                        self.axios.insert(id.name.to_string());
                    }
                }
            }
        }
        walk::walk_variable_declarator(self, it);
    }
}

fn callee_name<'a>(callee: &'a Expression<'a>) -> Option<&'a str> {
    match callee {
        Expression::Identifier(id) => Some(id.name.as_str()),
        Expression::StaticMemberExpression(member) => Some(member.property.name.as_str()),
        _ => None,
    }
}

struct Collector<'t> {
    file: FileId,
    text: &'t str,
    clients: HashSet<String>,
    /// Names bound to axios: the default import, or `axios.create(...)`.
    axios: HashSet<String>,
    /// Calls already read as part of an outer chain.
    covered: HashSet<(u32, u32)>,
    facts: FileFacts,
}

impl<'a> Visit<'a> for Collector<'_> {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if !self.covered.contains(&(it.span.start, it.span.end)) {
            self.chain(it);
        }
        if let Some(call) = crate::http::http_call(self.file, self.text, it, &|name| self.axios.contains(name)) {
            self.facts.http_calls.push(call);
        }
        // `Deno.env.get('X')`
        if let Expression::StaticMemberExpression(member) = &it.callee {
            if member.property.name == "get" && is_env_object(&member.object) == Some(EnvAccess::DenoEnv) {
                if let Some(name) = self.string_argument(it, 0) {
                    self.facts.env_reads.push(EnvRead { name, via: EnvAccess::DenoEnv });
                }
            }
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if let Some(via @ (EnvAccess::ProcessEnv | EnvAccess::ImportMetaEnv)) = is_env_object(&it.object) {
            let name = Named { name: it.property.name.to_string(), span: self.span(it.property.span) };
            self.facts.env_reads.push(EnvRead { name, via });
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        if let Some(via @ (EnvAccess::ProcessEnv | EnvAccess::ImportMetaEnv)) = is_env_object(&it.object) {
            if let Some((name, span)) = self.literal_content(&it.expression) {
                self.facts.env_reads.push(EnvRead { name: Named { name, span }, via });
            }
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        // `const { A, B: b } = process.env`
        if let (BindingPattern::ObjectPattern(pattern), Some(init)) = (&it.id, &it.init) {
            if let Some(via) = is_env_object(init) {
                for property in &pattern.properties {
                    if let Some(name) = property.key.static_name() {
                        let span = self.key_span(property.key.span());
                        self.facts.env_reads.push(EnvRead { name: Named { name: name.to_string(), span }, via });
                    }
                }
            }
        }
        walk::walk_variable_declarator(self, it);
    }
}

/// Which environment object `expr` is: `process.env`, `import.meta.env` or `Deno.env`.
fn is_env_object(expr: &Expression) -> Option<EnvAccess> {
    let Expression::StaticMemberExpression(member) = expr.without_parentheses() else { return None };
    if member.property.name != "env" {
        return None;
    }
    match member.object.without_parentheses() {
        Expression::Identifier(id) if id.name == "process" => Some(EnvAccess::ProcessEnv),
        Expression::Identifier(id) if id.name == "Deno" => Some(EnvAccess::DenoEnv),
        Expression::ImportMeta(_) => Some(EnvAccess::ImportMetaEnv),
        _ => None,
    }
}

/// A link of a method chain: the method's name and its call.
type Link<'b, 'a> = (&'b str, &'b CallExpression<'a>);

impl Collector<'_> {
    fn span(&self, span: oxc_span::Span) -> Span {
        Span::new(self.file, span.start, span.end)
    }

    /// Reads a chain from its outermost call inwards.
    fn chain<'a>(&mut self, outer: &CallExpression<'a>) {
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
        // The base is the client itself, or `client.storage` for a bucket.
        let Some(from_index) = links.iter().position(|(name, _)| *name == "from" || *name == "schema") else { return };
        if from_index != 0 {
            return;
        }
        let is_storage = matches!(base, Expression::StaticMemberExpression(m) if m.property.name == "storage" && self.is_client(&m.object));
        if !is_storage && !self.is_client(base) {
            return;
        }
        for (_, call) in &links {
            self.covered.insert((call.span.start, call.span.end));
        }
        if is_storage {
            if let Some(name) = links.first().and_then(|(_, call)| self.string_argument(call, 0)) {
                self.facts.buckets.push(name);
            }
            return;
        }
        self.query(&links);
    }

    fn is_client(&self, expr: &Expression) -> bool {
        match expr.without_parentheses() {
            Expression::Identifier(id) => {
                self.clients.contains(id.name.as_str()) || id.name.to_ascii_lowercase().contains("supabase")
            }
            Expression::StaticMemberExpression(member) => {
                member.property.name.to_ascii_lowercase().contains("supabase")
            }
            Expression::CallExpression(call) => callee_name(&call.callee).is_some_and(is_client_factory),
            Expression::AwaitExpression(await_expr) => self.is_client(&await_expr.argument),
            _ => false,
        }
    }

    fn query(&mut self, links: &[Link]) {
        let mut query = TableQuery { table: None, schema: None, select: None, columns: Vec::new() };
        let mut seen_from = false;
        for (name, call) in links {
            match *name {
                "schema" if !seen_from => query.schema = self.string_argument(call, 0).map(|n| n.name),
                "from" if !seen_from => {
                    seen_from = true;
                    query.table = self.string_argument(call, 0);
                }
                "select" => {
                    if let Some((content, span)) = self.string_content(call, 0) {
                        query.select = Some(SelectString { file_offset: span, parsed: parse_select(&content) });
                    }
                }
                "order" => self.column_argument(call, ColumnRole::Order, &mut query),
                "insert" | "upsert" | "update" => {
                    let method: &'static str = match *name {
                        "insert" => "insert",
                        "upsert" => "upsert",
                        _ => "update",
                    };
                    if let Some(arg) = call.arguments.first().and_then(Argument::as_expression) {
                        self.payload_keys(arg, method, &mut query);
                    }
                    if let Some(options) = call.arguments.get(1).and_then(Argument::as_expression) {
                        self.on_conflict(options, &mut query);
                    }
                }
                method => {
                    if let Some(filter) = FILTERS.iter().find(|f| **f == method) {
                        self.column_argument(call, ColumnRole::Filter(filter), &mut query);
                    }
                }
            }
        }
        if seen_from {
            self.facts.queries.push(query);
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

    /// A key's span without its quotes, so the caret sits under the name.
    fn key_span(&self, span: oxc_span::Span) -> Span {
        let raw = &self.text[span.start as usize..span.end as usize];
        if raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\'')) {
            return Span::new(self.file, span.start + 1, span.end - 1);
        }
        self.span(span)
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

    /// A string literal argument, its span without the quotes.
    fn string_argument(&self, call: &CallExpression, index: usize) -> Option<Named> {
        self.string_content(call, index).map(|(name, span)| Named { name, span })
    }

    fn string_content(&self, call: &CallExpression, index: usize) -> Option<(String, Span)> {
        let expr = call.arguments.get(index)?.as_expression()?;
        self.literal_content(expr)
    }

    /// The content of a string literal or a template literal without substitutions, and the
    /// span of that content in the file (escapes make the two differ rarely; the raw text is
    /// used so offsets stay exact).
    fn literal_content(&self, expr: &Expression) -> Option<(String, Span)> {
        match expr.without_parentheses() {
            Expression::StringLiteral(literal) => {
                let (start, end) = (literal.span.start + 1, literal.span.end.saturating_sub(1));
                let raw = self.text.get(start as usize..end as usize)?;
                let content = if raw.contains('\\') { literal.value.to_string() } else { raw.to_owned() };
                Some((content, Span::new(self.file, start, end)))
            }
            Expression::TemplateLiteral(template) if template.expressions.is_empty() => {
                let quasi = template.quasis.first()?;
                let content = quasi.value.raw.to_string();
                Some((content, Span::new(self.file, quasi.span.start, quasi.span.end)))
            }
            _ => None,
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
