//! Reads one file with `oxc` and collects its facts: supabase-js queries, HTTP calls,
//! environment reads, and what the code reads from their results. A client is recognised by
//! where it comes from (`createClient(...)` and the other factories, or an import from a module
//! whose path mentions supabase) or by its name mentioning supabase; `.from(` on anything else
//! (`Array.from`, a query builder) is not a query.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use lockstep_diagnostics::{FileId, Span};
use oxc_ast::ast::{
    AssignmentExpression, AssignmentTarget, BinaryExpression, BindingPattern, CallExpression, ComputedMemberExpression,
    Declaration, ExportDefaultDeclarationKind, Expression, ForOfStatement, ForStatementLeft, FormalParameters,
    Function, ImportDeclaration, ImportDeclarationSpecifier, LogicalExpression, Program, Statement,
    StaticMemberExpression, SwitchStatement, VariableDeclaration, VariableDeclarationKind, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;
use oxc_syntax::scope::{ScopeFlags, ScopeId};

use crate::chain::{callee_name, is_client_factory};
use crate::facts::{EnvAccess, EnvRead, FileFacts, Named, StatusCheck};
use crate::flow::{ChainLink, PathIndex, Scopes, Value};
use crate::http::Wrapper;
use crate::offsets::{OffsetMap, OffsetSet};

/// Parses `text` (TypeScript or JavaScript as `path`'s extension says) and extracts its facts.
/// A check uses [`crate::analyze`], which parses once for the facts and the route handlers.
pub fn extract(file: FileId, path: &str, text: &str) -> FileFacts {
    crate::parse::with_program(file, path, text, |program| facts_of(file, text, program))
        .unwrap_or_else(|parse_error| FileFacts { parse_error: Some(parse_error), ..FileFacts::default() })
}

/// The facts of a parsed file.
pub(crate) fn facts_of(file: FileId, text: &str, program: &Program) -> FileFacts {
    let mut known = Clients {
        file,
        text,
        names: HashSet::new(),
        axios: HashSet::new(),
        wrappers: HashMap::new(),
        wrapped_calls: HashSet::new(),
    };
    known.top_level(program);
    let mut collector = Collector {
        file,
        text,
        known,
        covered: OffsetSet::default(),
        chain_calls: OffsetMap::default(),
        http_by_span: OffsetMap::default(),
        url_consts: crate::http::UrlConsts::default(),
        pending_params: OffsetMap::default(),
        scopes: Scopes::default(),
        paths: PathIndex::default(),
        chain_links_done: OffsetSet::default(),
        facts: FileFacts::default(),
        in_const: false,
    };
    collector.facts.is_client = program.directives.iter().any(|d| d.directive == "use client");
    // Module-level `const TABLE = 'orders'` is visible in functions written above it.
    for statement in &program.body {
        let declaration = match statement {
            Statement::VariableDeclaration(declaration) => declaration,
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(declaration) => declaration,
                _ => continue,
            },
            _ => continue,
        };
        if declaration.kind == VariableDeclarationKind::Const {
            for declarator in &declaration.declarations {
                collector.declare_const_text(declarator);
            }
        }
    }
    collector.visit_program(program);
    if collector.facts.env_reads.iter().any(|r| r.via == EnvAccess::ImportMetaEnv) {
        collector.facts.is_client = true;
    }
    collector.facts.shrink_to_fit();
    collector.facts
}

/// What the file binds to supabase clients and axios instances, and its wrapper functions
/// around an HTTP call.
pub(crate) struct Clients<'t> {
    file: FileId,
    text: &'t str,
    /// Names bound to supabase clients.
    pub(crate) names: HashSet<String>,
    /// Names bound to axios: the default import, or `axios.create(...)`.
    axios: HashSet<String>,
    wrappers: HashMap<String, Wrapper>,
    /// The HTTP calls inside wrappers: their URL is the wrapper's parameter, not a path.
    wrapped_calls: HashSet<(u32, u32)>,
}

impl Clients<'_> {
    /// What the top level declares: imports, and functions and variables that code above
    /// their declaration may use (functions are hoisted). Nested declarations are learnt as the
    /// collector reaches them, before their uses.
    fn top_level(&mut self, program: &Program) {
        for statement in &program.body {
            match statement {
                Statement::ImportDeclaration(import) => self.import(import),
                Statement::FunctionDeclaration(function) => self.function(function),
                Statement::VariableDeclaration(declaration) => self.declaration(declaration),
                Statement::ExportDeclaration(export) => match &export.declaration {
                    Declaration::FunctionDeclaration(function) => self.function(function),
                    Declaration::VariableDeclaration(declaration) => self.declaration(declaration),
                    _ => {}
                },
                Statement::ExportDefaultDeclaration(export) => {
                    if let ExportDefaultDeclarationKind::FunctionDeclaration(function) = &export.declaration {
                        self.function(function);
                    }
                }
                _ => {}
            }
        }
    }

    fn import(&mut self, it: &ImportDeclaration) {
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

    fn function(&mut self, it: &Function) {
        if let (Some(id), Some(body)) = (&it.id, &it.body) {
            if !self.wrappers.contains_key(id.name.as_str()) && self.may_wrap(body.statements.len(), it.span) {
                self.wrapper(&id.name, &it.params, |v| v.visit_function_body(body));
            }
        }
    }

    fn declaration(&mut self, declaration: &VariableDeclaration) {
        for declarator in &declaration.declarations {
            self.declarator(declarator);
        }
    }

    fn declarator(&mut self, it: &VariableDeclarator) {
        let (BindingPattern::BindingIdentifier(id), Some(init)) = (&it.id, &it.init) else { return };
        let mut init = init.without_parentheses();
        if let Expression::AwaitExpression(await_expr) = init {
            init = &await_expr.argument;
        }
        match init {
            Expression::CallExpression(call) => {
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
            Expression::ArrowFunctionExpression(arrow)
                if !self.wrappers.contains_key(id.name.as_str())
                    && self.may_wrap(arrow.get_function_body().map_or(1, |b| b.statements.len()), arrow.span) =>
            {
                self.wrapper(&id.name, &arrow.params, |v| v.visit_arrow_function_body(&arrow.body));
            }
            _ => {}
        }
    }
}

/// A wrapper is thin: a few statements around the call.
const MAX_WRAPPER_STATEMENTS: usize = 8;

impl Clients<'_> {
    /// Whether a function is worth a look as a wrapper: short, and its text names a client. The
    /// look walks the body a second time, so it is kept to the functions that can be one.
    fn may_wrap(&self, statements: usize, span: oxc_span::Span) -> bool {
        if statements > MAX_WRAPPER_STATEMENTS {
            return false;
        }
        let text = self.text.get(span.start as usize..span.end as usize).unwrap_or_default();
        text.contains("fetch") || text.contains("ky") || self.axios.iter().any(|name| text.contains(name.as_str()))
    }

    /// Records `name` as a wrapper when its body makes one HTTP call whose URL is its first
    /// parameter (after literal text).
    fn wrapper(&mut self, name: &str, params: &FormalParameters, visit_body: impl FnOnce(&mut WrapperBody)) {
        let Some(BindingPattern::BindingIdentifier(param)) = params.items.first().map(|p| &p.pattern) else {
            return;
        };
        let mut body = WrapperBody {
            file: self.file,
            text: self.text,
            param: &param.name,
            axios: &self.axios,
            found: None,
            calls_json: false,
            reads_data: false,
        };
        visit_body(&mut body);
        let Some((mut wrapper, span)) = body.found else { return };
        wrapper.returns_body = body.calls_json || (wrapper.client == "axios" && body.reads_data);
        self.wrapped_calls.insert(span);
        self.wrappers.insert(name.to_owned(), wrapper);
    }
}

/// Looks through a function body for the HTTP call a wrapper makes.
struct WrapperBody<'p> {
    file: FileId,
    text: &'p str,
    param: &'p str,
    axios: &'p HashSet<String>,
    found: Option<(Wrapper, (u32, u32))>,
    calls_json: bool,
    reads_data: bool,
}

impl<'a> Visit<'a> for WrapperBody<'_> {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if self.found.is_none() {
            let axios = self.axios;
            if let Some(wrapper) =
                crate::http::wrapped_call(self.file, self.text, it, self.param, &|name| axios.contains(name))
            {
                self.found = Some((wrapper, (it.span.start, it.span.end)));
            }
        }
        if callee_name(&it.callee) == Some("json") {
            self.calls_json = true;
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if it.property.name == "data" {
            self.reads_data = true;
        }
        walk::walk_static_member_expression(self, it);
    }
}

/// An HTTP call's index in the facts, and for a wrapper that returns the body, that value.
pub(crate) type RecordedHttp = (usize, Option<Value>);

pub(crate) struct Collector<'t> {
    pub(crate) file: FileId,
    pub(crate) text: &'t str,
    pub(crate) known: Clients<'t>,
    /// Calls already read as part of an outer chain.
    pub(crate) covered: OffsetSet<(u32, u32)>,
    /// Every call of a supabase-js chain, and the query or rpc it belongs to.
    pub(crate) chain_calls: OffsetMap<(u32, u32), crate::facts::DataOrigin>,
    /// HTTP calls already recorded: the index of the call and, for a wrapper that returns the
    /// body, that value.
    http_by_span: OffsetMap<(u32, u32), RecordedHttp>,
    /// `const url = '/api/...'` (names declared once), for calls that pass the name.
    url_consts: crate::http::UrlConsts,
    /// Parameters of callbacks about to be visited: `(where the parameters start, index)`.
    pub(crate) pending_params: OffsetMap<(u32, usize), Value>,
    pub(crate) scopes: Scopes,
    pub(crate) paths: PathIndex,
    /// Links of long member chains whose reads a pass over the whole chain made.
    pub(crate) chain_links_done: OffsetSet<(u32, u32)>,
    pub(crate) facts: FileFacts,
    /// The declarators being visited belong to a `const` declaration.
    in_const: bool,
}

impl<'a> Visit<'a> for Collector<'_> {
    fn enter_scope(&mut self, _flags: ScopeFlags, _scope_id: &Cell<Option<ScopeId>>) {
        self.scopes.push();
    }

    fn leave_scope(&mut self) {
        self.scopes.pop();
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if !self.covered.contains(&(it.span.start, it.span.end)) {
            self.chain(it);
        }
        self.record_http(it);
        // `Deno.env.get('X')`
        if let Expression::StaticMemberExpression(member) = &it.callee {
            if member.property.name == "get" && is_env_object(&member.object) == Some(EnvAccess::DenoEnv) {
                if let Some(name) = self.string_argument(it, 0) {
                    self.facts.env_reads.push(EnvRead { name, via: EnvAccess::DenoEnv });
                }
            }
        }
        self.schedule_callbacks(it);
        walk::walk_call_expression(self, it);
        self.state_setter_call(it);
    }

    fn visit_formal_parameters(&mut self, it: &FormalParameters<'a>) {
        self.bind_params(it);
        walk::walk_formal_parameters(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if let Some(via @ (EnvAccess::ProcessEnv | EnvAccess::ImportMetaEnv)) = is_env_object(&it.object) {
            let name = Named { name: it.property.name.to_string(), span: self.span(it.property.span) };
            self.facts.env_reads.push(EnvRead { name, via });
        }
        let link = ChainLink::Member(it.property.name.as_str(), self.span(it.property.span));
        if !self.long_chain_reads(it.span, &it.object, link) {
            self.member_read(&it.object, &it.property.name, self.span(it.property.span));
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        if let Some(via @ (EnvAccess::ProcessEnv | EnvAccess::ImportMetaEnv)) = is_env_object(&it.object) {
            if let Some((name, span)) = self.literal_content(&it.expression) {
                self.facts.env_reads.push(EnvRead { name: Named { name, span }, via });
            }
        }
        let link = ChainLink::computed(self.file, &it.expression);
        if self.long_chain_reads(it.span, &it.object, link) {
            walk::walk_computed_member_expression(self, it);
            return;
        }
        match it.expression.without_parentheses() {
            Expression::NumericLiteral(n) => self.index_read(&it.object, self.span(n.span)),
            Expression::StringLiteral(s) => {
                let span = Span::new(self.file, s.span.start + 1, s.span.end.saturating_sub(1));
                self.member_read(&it.object, &s.value, span);
            }
            _ => {}
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.known.function(it);
        walk::walk_function(self, it, flags);
    }

    fn visit_variable_declaration(&mut self, it: &VariableDeclaration<'a>) {
        let outer = std::mem::replace(&mut self.in_const, it.kind == VariableDeclarationKind::Const);
        walk::walk_variable_declaration(self, it);
        self.in_const = outer;
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        self.known.declarator(it);
        if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&it.id, &it.init) {
            crate::http::remember_url_const(&mut self.url_consts, &id.name, init);
        }
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
        if let Some(init) = &it.init {
            self.visit_expression(init);
            let bound = self.bind_state(&it.id, init) || (self.in_const && self.declare_const_text(it));
            if !bound {
                let value = self.eval(init);
                self.bind(&it.id, value, true);
            }
        } else {
            self.bind(&it.id, None, false);
        }
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        walk::walk_assignment_expression(self, it);
        if let AssignmentTarget::AssignmentTargetIdentifier(id) = &it.left {
            self.assign(&id.name, &it.right);
        }
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        self.scopes.push();
        self.visit_expression(&it.right);
        if let ForStatementLeft::VariableDeclaration(declaration) = &it.left {
            let value = self.for_of_value(&it.right);
            for declarator in &declaration.declarations {
                self.bind(&declarator.id, value, true);
            }
        }
        self.visit_statement(&it.body);
        self.scopes.pop();
    }

    fn visit_logical_expression(&mut self, it: &LogicalExpression<'a>) {
        let alternatives = crate::fallbacks::alternatives(it);
        if !alternatives.is_empty() {
            self.facts.fallbacks.push(alternatives.into_iter().map(|span| self.span(span)).collect());
        }
        walk::walk_logical_expression(self, it);
    }

    fn visit_binary_expression(&mut self, it: &BinaryExpression<'a>) {
        if it.operator.is_equality() {
            for (side, other) in [(&it.left, &it.right), (&it.right, &it.left)] {
                if let (Some(call), Some((status, number))) = (self.status_of(side), self.number(other)) {
                    self.facts.status_checks.push(StatusCheck { call, status, span: number.span });
                }
            }
        }
        walk::walk_binary_expression(self, it);
    }

    fn visit_switch_statement(&mut self, it: &SwitchStatement<'a>) {
        if let Some(call) = self.status_of(&it.discriminant) {
            for case in &it.cases {
                if let Some((status, number)) = case.test.as_ref().and_then(|t| self.number(t)) {
                    self.facts.status_checks.push(StatusCheck { call, status, span: number.span });
                }
            }
        }
        walk::walk_switch_statement(self, it);
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

impl Collector<'_> {
    pub(crate) fn span(&self, span: oxc_span::Span) -> Span {
        Span::new(self.file, span.start, span.end)
    }

    /// The HTTP call `call` makes (recorded once), and for a wrapper returning the body, that
    /// value.
    pub(crate) fn record_http(&mut self, call: &CallExpression) -> Option<RecordedHttp> {
        let key = (call.span.start, call.span.end);
        if let Some(known) = self.http_by_span.get(&key) {
            return Some(*known);
        }
        let found = if self.known.wrapped_calls.contains(&key) {
            None
        } else if let Some(wrapper) = (!self.known.wrappers.is_empty())
            .then(|| callee_name(&call.callee))
            .flatten()
            .filter(|_| matches!(call.callee.without_parentheses(), Expression::Identifier(_)))
            .and_then(|name| self.known.wrappers.get(name))
        {
            let returns_body = wrapper.returns_body;
            crate::http::wrapper_call(self.file, self.text, call, wrapper).map(|http| (http, returns_body))
        } else if let Some(invoke) =
            crate::http::functions_invoke(self.file, self.text, call, &|object| self.is_client(object))
        {
            Some((invoke, false))
        } else {
            let axios = &self.known.axios;
            crate::http::http_call(self.file, self.text, call, &|name| axios.contains(name), &self.url_consts)
                .map(|http| (http, false))
        };
        let result = found.map(|(http, returns_body)| {
            let client = http.client;
            self.facts.http_calls.push(http);
            let index = self.facts.http_calls.len() - 1;
            let value = if returns_body {
                Some(Value::Data(crate::facts::DataOrigin::Response(index), None))
            } else if client == "axios" || client == "supabase" {
                Some(Value::AxiosResponse(index))
            } else {
                None
            };
            (index, value)
        });
        if let Some(recorded) = &result {
            self.http_by_span.insert(key, *recorded);
        }
        result
    }

    /// A declarator of a `const` declaration binding a name to a string literal (or a template
    /// without substitutions): remembers the text; true when it was one.
    pub(crate) fn declare_const_text(&mut self, declarator: &VariableDeclarator) -> bool {
        let (BindingPattern::BindingIdentifier(id), Some(init)) = (&declarator.id, &declarator.init) else {
            return false;
        };
        let Some((text, _)) = self.literal_content(init) else { return false };
        self.scopes.declare_text(&id.name, text);
        true
    }

    /// A name argument (a table, function or bucket): a string literal, or a `const` bound to
    /// one; the span is the argument's.
    pub(crate) fn name_argument(&self, call: &CallExpression, index: usize) -> Option<Named> {
        let expr = call.arguments.get(index)?.as_expression()?;
        if let Expression::Identifier(id) = expr.without_parentheses() {
            let text = self.scopes.text(&id.name)?;
            return Some(Named { name: text.to_owned(), span: self.span(id.span) });
        }
        self.string_argument(call, index)
    }

    /// A key's span without its quotes, so the caret sits under the name.
    pub(crate) fn key_span(&self, span: oxc_span::Span) -> Span {
        unquoted_span(self.file, self.text, span)
    }

    /// A string literal argument, its span without the quotes.
    pub(crate) fn string_argument(&self, call: &CallExpression, index: usize) -> Option<Named> {
        self.string_content(call, index).map(|(name, span)| Named { name, span })
    }

    pub(crate) fn string_content(&self, call: &CallExpression, index: usize) -> Option<(String, Span)> {
        let expr = call.arguments.get(index)?.as_expression()?;
        self.literal_content(expr)
    }

    /// The content of a string literal or a template literal without substitutions, escapes
    /// decoded, and the span of its source text in the file (longer than the content when it
    /// has escapes; `select::source_offsets` maps one to the other).
    pub(crate) fn literal_content(&self, expr: &Expression) -> Option<(String, Span)> {
        match expr.without_parentheses() {
            Expression::StringLiteral(literal) => {
                let (start, end) = (literal.span.start + 1, literal.span.end.saturating_sub(1));
                let raw = self.text.get(start as usize..end as usize)?;
                let content = if raw.contains('\\') { literal.value.to_string() } else { raw.to_owned() };
                Some((content, Span::new(self.file, start, end)))
            }
            Expression::TemplateLiteral(template) if template.expressions.is_empty() => {
                let quasi = template.quasis.first()?;
                let raw = quasi.value.raw.as_str();
                let content = if raw.contains('\\') { quasi.value.cooked?.to_string() } else { raw.to_owned() };
                Some((content, Span::new(self.file, quasi.span.start, quasi.span.end)))
            }
            _ => None,
        }
    }
}

/// An object key's span without its quotes (`'status'` → `status`), so the caret sits under the
/// name.
pub(crate) fn unquoted_span(file: FileId, text: &str, span: oxc_span::Span) -> Span {
    let raw = &text[span.start as usize..span.end as usize];
    if raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\'')) {
        return Span::new(file, span.start + 1, span.end - 1);
    }
    Span::new(file, span.start, span.end)
}
