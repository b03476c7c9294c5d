//! What one handler function does, whatever the framework: the statuses it responds with and
//! the body of each, the request-body fields it reads, whether it verifies a signature, and the
//! property paths it reads (for idempotency keys).
//!
//! Responses: `NextResponse.json(body, { status })`, `Response.json`, `new Response(body, { status })`
//! (Next.js, Edge Functions); `res.status(n).json(body)`, `res.json`, `res.send`, `res.end`,
//! `res.sendStatus(n)` (Express, pages router); `c.json(body, n)`, `c.text`, `c.body` (Hono);
//! `reply.code(n).send(body)` (Fastify); `ctx.status = n`, `ctx.body = body` (Koa).

use std::collections::HashMap;

use lockstep_diagnostics::{FileId, Span};
use oxc_ast::ast::{
    Argument, ArrowFunctionExpression, AssignmentExpression, AssignmentTarget, BinaryOperator, BindingPattern,
    CallExpression, ComputedMemberExpression, Expression, FormalParameters, Function, FunctionBody, IfStatement,
    LogicalOperator, NewExpression, ObjectPropertyKind, ReturnStatement, StaticMemberExpression, SwitchStatement,
    VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_syntax::scope::ScopeFlags;

use crate::facts::Named;

/// Calls that verify a webhook's signature.
const SIGNATURE_CHECKS: [&str; 6] =
    ["constructEvent", "constructEventAsync", "verify", "timingSafeEqual", "createHmac", "verifySignature"];

/// Whether any code of the file calls a signature check: a handler that reads the signature
/// header and passes it to a helper of its file (`await isValid(secret, header, payload)`) verifies.
pub fn file_verifies_signatures(program: &oxc_ast::ast::Program) -> bool {
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
            if let Expression::StaticMemberExpression(member) = &it.callee {
                self.0 |= SIGNATURE_CHECKS.contains(&member.property.name.as_str());
            } else if let Expression::Identifier(id) = &it.callee {
                self.0 |= SIGNATURE_CHECKS.contains(&id.name.as_str());
            }
            if !self.0 {
                walk::walk_call_expression(self, it);
            }
        }
    }
    let mut finder = Finder(false);
    finder.visit_program(program);
    finder.0
}

/// What a response's body is, as far as the code shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyShape {
    /// No body (`null`, `res.end()`, `sendStatus`).
    Empty,
    /// An object literal: its top-level keys.
    Object(Vec<Named>),
    /// An array literal, or a `.map(...)`.
    Array,
    /// A supabase-js query's or rpc's `data`: one row after `.single()`/`.maybeSingle()`, else
    /// a list (for an rpc, as the function returns).
    Rows { single: bool, from: RowsFrom },
    /// Anything else: not guessed.
    Unknown,
}

/// Where rows come from, for what they carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowsFrom {
    /// `.from('orders')`: the select's output names (`None` for `*` or no select: every column).
    Table { name: String, columns: Option<Vec<String>> },
    /// `.rpc('get_stats')`: what the function returns.
    Function(String),
    /// A table or function named by a variable, or a select that does not parse.
    Unknown,
}

#[derive(Clone, Debug)]
pub struct HandlerResponse {
    pub status: u16,
    /// The status literal, or the call when the status is implicit (200).
    pub span: Span,
    pub body: BodyShape,
    /// The HTTP method branch the response is in (`if (req.method === 'POST')`), if any.
    pub method: Option<String>,
}

/// The facts of one handler function.
#[derive(Clone, Debug, Default)]
pub struct HandlerFacts {
    pub responses: Vec<HandlerResponse>,
    /// Top-level keys read from the request body, with the method branch they are in.
    pub body_fields: Vec<(Named, Option<String>)>,
    pub verifies_signature: bool,
    /// The header the signature is read from (`stripe-signature`), lower case.
    pub signature_header: Option<String>,
    pub member_paths: Vec<String>,
    /// Methods the handler branches on (`req.method === 'GET'`, `case 'POST':`), in order.
    pub methods: Vec<Named>,
    /// Some response's status is not a literal (`{ status: error.status }`): the handler may
    /// answer with any status.
    pub unknown_status: bool,
}

/// Whether a returned value is a response built outside the handler: a property of another
/// value (`admin.response`), or the result of a plain function call (a helper, `fetch`).
/// Calls of methods (`NextResponse.json(...)`, `res.status(404).json(...)`) are read where they
/// are made; a returned variable was, too, when it was built here.
fn response_made_elsewhere(expr: &Expression) -> bool {
    match expr.without_parentheses() {
        Expression::AwaitExpression(inner) => response_made_elsewhere(&inner.argument),
        Expression::StaticMemberExpression(_) => true,
        Expression::CallExpression(call) => matches!(call.callee.without_parentheses(), Expression::Identifier(_)),
        _ => false,
    }
}

/// Reads a handler function: its parameters (the request, the response or context) and body.
pub fn analyze(file: FileId, text: &str, params: &FormalParameters, body: &FunctionBody) -> HandlerFacts {
    let mut reader = Reader::for_params(file, text, params);
    reader.visit_function_body(body);
    reader.finish()
}

/// Reads an arrow function given as an expression body (`(c) => c.json(...)`).
pub fn analyze_expression(file: FileId, text: &str, params: &FormalParameters, expr: &Expression) -> HandlerFacts {
    let mut reader = Reader::for_params(file, text, params);
    reader.visit_expression(expr);
    reader.finish()
}

struct Reader<'t> {
    file: FileId,
    text: &'t str,
    /// The first parameter: the request (Next.js, Express, Fastify) or the context (Hono, Koa).
    first: Option<String>,
    /// The second parameter: the response (Express, pages router) or reply (Fastify).
    second: Option<String>,
    facts: HandlerFacts,
    /// Variables bound to a body shape (`const payload = { data }`, `const { data } = await q`).
    shapes: HashMap<String, BodyShape>,
    /// Variables bound to a supabase-js chain (`let q = db.from('t').select()`, continued by
    /// `q = q.eq(...)`): the rows its `data` will be.
    queries: HashMap<String, BodyShape>,
    /// Variables bound to the request body (`const body = await req.json()`).
    body_vars: Vec<String>,
    /// `res.status(404)` as a statement, waiting for the `res.json(...)` that sends it.
    pending_status: Option<(u16, Span)>,
    /// The method branch being read.
    method: Option<String>,
    /// Calls already read as part of a chain (`res.status(404).json(...)`).
    covered: Vec<(u32, u32)>,
    /// Functions nested in the handler being read (callbacks): their `return`s are not the
    /// handler's.
    nested: u32,
}

impl<'a> Visit<'a> for Reader<'_> {
    fn visit_if_statement(&mut self, it: &IfStatement<'a>) {
        // `if (req.method !== 'POST') return ...`: what follows serves POST.
        if let Some(method) = self.method_guard(&it.test) {
            walk::walk_if_statement(self, it);
            self.method = Some(method);
            return;
        }
        if let Some(method) = self.method_test(&it.test) {
            self.visit_expression(&it.test);
            let outer = self.method.replace(method);
            self.visit_statement(&it.consequent);
            self.method = outer;
            if let Some(alternate) = &it.alternate {
                self.visit_statement(alternate);
            }
            return;
        }
        walk::walk_if_statement(self, it);
    }

    fn visit_switch_statement(&mut self, it: &SwitchStatement<'a>) {
        if !self.is_method(&it.discriminant) {
            walk::walk_switch_statement(self, it);
            return;
        }
        // Consecutive cases share the statements that follow them.
        let mut labels: Vec<String> = Vec::new();
        for case in &it.cases {
            if let Some(Expression::StringLiteral(s)) = case.test.as_ref().map(Expression::without_parentheses) {
                let method = s.value.to_ascii_uppercase();
                self.facts.methods.push(Named { name: method.clone(), span: self.span(s.span) });
                labels.push(method);
            }
            if case.consequent.is_empty() {
                continue;
            }
            let outer = self.method.take();
            for label in labels.drain(..) {
                self.method = Some(label);
                for statement in &case.consequent {
                    self.visit_statement(statement);
                }
            }
            if case.test.is_none() {
                self.method = None;
                for statement in &case.consequent {
                    self.visit_statement(statement);
                }
            }
            self.method = outer;
        }
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.nested += 1;
        walk::walk_function(self, it, flags);
        self.nested -= 1;
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.nested += 1;
        walk::walk_arrow_function_expression(self, it);
        self.nested -= 1;
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        // `return auth.response`, `return handleError(e)`, `return fetch(upstream)`: a response
        // made elsewhere, whose status this handler does not show.
        if self.nested == 0 && it.argument.as_ref().is_some_and(response_made_elsewhere) {
            self.facts.unknown_status = true;
        }
        walk::walk_return_statement(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let key = (it.span.start, it.span.end);
        let callee_name = match &it.callee {
            Expression::StaticMemberExpression(member) => Some(member.property.name.as_str()),
            Expression::Identifier(id) => Some(id.name.as_str()),
            _ => None,
        };
        if callee_name.is_some_and(|n| SIGNATURE_CHECKS.contains(&n)) {
            self.facts.verifies_signature = true;
        }
        // `req.headers.get('stripe-signature')`, `c.req.header('X-Hub-Signature-256')`
        if matches!(callee_name, Some("get" | "header")) {
            if let Some(Expression::StringLiteral(name)) = it.arguments.first().and_then(Argument::as_expression) {
                self.signature_header(&name.value);
            }
        }
        if !self.covered.contains(&key) {
            self.response_call(it);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        // `new Response(body, { status })`, `new NextResponse(...)`
        // Subclasses count too, such as the AI SDK's `new StreamingTextResponse(stream)`.
        if matches!(&it.callee, Expression::Identifier(id) if id.name.ends_with("Response")) {
            let body =
                it.arguments.first().and_then(Argument::as_expression).map_or(BodyShape::Empty, |b| self.shape(b));
            let body = if body == BodyShape::Unknown { BodyShape::Unknown } else { body };
            self.init_status(it.arguments.get(1), it.span, body);
        }
        walk::walk_new_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        // `req.headers['stripe-signature']`
        if let Expression::StringLiteral(name) = it.expression.without_parentheses() {
            self.signature_header(&name.value);
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if let Some(path) = member_path(it) {
            self.facts.member_paths.push(path);
        }
        // `body.name` on a variable holding the request body, or `req.body.name`.
        let on_body = match it.object.without_parentheses() {
            Expression::Identifier(id) => self.body_vars.iter().any(|v| v == id.name.as_str()),
            other => self.is_request_body(other),
        };
        if on_body {
            let field = Named { name: it.property.name.to_string(), span: self.span(it.property.span) };
            self.facts.body_fields.push((field, self.method.clone()));
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let Some(init) = &it.init {
            if self.is_request_body(init) {
                match &it.id {
                    BindingPattern::BindingIdentifier(id) => self.body_vars.push(id.name.to_string()),
                    BindingPattern::ObjectPattern(object) => {
                        for property in &object.properties {
                            if let Some(name) = property.key.static_name() {
                                let span = self.span(oxc_span::GetSpan::span(&property.key));
                                self.facts
                                    .body_fields
                                    .push((Named { name: name.to_string(), span }, self.method.clone()));
                            }
                        }
                    }
                    _ => {}
                }
            } else {
                self.bind(&it.id, init);
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        // Koa: `ctx.status = 201`, `ctx.body = { ... }`
        if let AssignmentTarget::StaticMemberExpression(member) = &it.left {
            if Self::is_param(&member.object, self.first.as_deref()) {
                match member.property.name.as_str() {
                    "status" => {
                        if let Some((status, span)) = self.number(&it.right) {
                            self.pending_status = Some((status, span));
                        }
                    }
                    "body" => {
                        let body = self.shape(&it.right);
                        let (status, span) = self.pending_status.take().unwrap_or((200, self.span(it.span)));
                        self.respond(status, span, body);
                    }
                    _ => {}
                }
            }
        }
        // `body.extra = 2` after `const body = { a: 1 }`: the key is part of the body sent later.
        let added = match &it.left {
            AssignmentTarget::StaticMemberExpression(member) => {
                Some((&member.object, member.property.name.as_str(), member.property.span))
            }
            AssignmentTarget::ComputedMemberExpression(member) => match member.expression.without_parentheses() {
                Expression::StringLiteral(key) => Some((&member.object, key.value.as_str(), key.span)),
                _ => None,
            },
            _ => None,
        };
        if let Some((Expression::Identifier(object), key, span)) =
            added.map(|(o, k, s)| (o.without_parentheses(), k, s))
        {
            let key = Named { name: key.to_owned(), span: self.key_span(span) };
            if let Some(BodyShape::Object(keys)) = self.shapes.get_mut(object.name.as_str()) {
                if !keys.iter().any(|k| k.name == key.name) {
                    keys.push(key);
                }
            }
        }
        // `q = q.eq('status', status)`: the chain goes on.
        if let AssignmentTarget::AssignmentTargetIdentifier(id) = &it.left {
            if let Some(rows) = self.query_chain(&it.right) {
                self.queries.insert(id.name.to_string(), rows);
            }
        }
        walk::walk_assignment_expression(self, it);
    }
}

impl<'t> Reader<'t> {
    /// Remembers a header name that carries a signature; the first one read wins.
    fn signature_header(&mut self, name: &str) {
        let name = name.to_ascii_lowercase();
        if self.facts.signature_header.is_none() && name.contains("signature") {
            self.facts.signature_header = Some(name);
        }
    }

    /// A reader for a function of these parameters; only plain names are followed.
    fn for_params(file: FileId, text: &'t str, params: &FormalParameters) -> Reader<'t> {
        let name = |i: usize| match params.items.get(i).map(|p| &p.pattern) {
            Some(BindingPattern::BindingIdentifier(id)) => Some(id.name.to_string()),
            _ => None,
        };
        Reader {
            file,
            text,
            first: name(0),
            second: name(1),
            facts: HandlerFacts::default(),
            shapes: HashMap::new(),
            queries: HashMap::new(),
            body_vars: Vec::new(),
            pending_status: None,
            method: None,
            covered: Vec::new(),
            nested: 0,
        }
    }

    fn span(&self, span: oxc_span::Span) -> Span {
        Span::new(self.file, span.start, span.end)
    }

    fn respond(&mut self, status: u16, span: Span, body: BodyShape) {
        self.facts.responses.push(HandlerResponse { status, span, body, method: self.method.clone() });
    }

    fn is_param(expr: &Expression, param: Option<&str>) -> bool {
        matches!((expr.without_parentheses(), param), (Expression::Identifier(id), Some(p)) if id.name == p)
    }

    /// `req.method`
    fn is_method(&self, expr: &Expression) -> bool {
        matches!(expr.without_parentheses(), Expression::StaticMemberExpression(m) if m.property.name == "method" && Self::is_param(&m.object, self.first.as_deref()))
    }

    /// A Koa or Express status set and never sent with a body (`ctx.status = 204`) is the
    /// response; a field read twice in one branch is one field.
    fn finish(mut self) -> HandlerFacts {
        if let Some((status, span)) = self.pending_status.take() {
            self.respond(status, span, BodyShape::Empty);
        }
        let mut seen: Vec<(String, Option<String>)> = Vec::new();
        self.facts.body_fields.retain(|(field, method)| {
            let key = (field.name.clone(), method.clone());
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        self.facts
    }

    /// `req.method !== 'POST'`: the method the rest of the handler serves.
    fn method_guard(&mut self, test: &Expression) -> Option<String> {
        let Expression::BinaryExpression(binary) = test.without_parentheses() else { return None };
        if !matches!(binary.operator, BinaryOperator::Inequality | BinaryOperator::StrictInequality) {
            return None;
        }
        self.method_literal(&binary.left, &binary.right)
    }

    /// `req.method === 'POST'` (either side), the method in upper case; also as a part of a
    /// compound condition (`req.method === 'GET' && action === 'list'`), whose branch runs for
    /// that method only.
    fn method_test(&mut self, test: &Expression) -> Option<String> {
        if let Expression::LogicalExpression(logical) = test.without_parentheses() {
            if logical.operator != LogicalOperator::And {
                return None;
            }
            return self.method_test(&logical.left).or_else(|| self.method_test(&logical.right));
        }
        let Expression::BinaryExpression(binary) = test.without_parentheses() else { return None };
        if !matches!(binary.operator, BinaryOperator::Equality | BinaryOperator::StrictEquality) {
            return None;
        }
        self.method_literal(&binary.left, &binary.right)
    }

    fn method_literal(&mut self, left: &Expression, right: &Expression) -> Option<String> {
        let literal = if self.is_method(left) {
            right
        } else if self.is_method(right) {
            left
        } else {
            return None;
        };
        let Expression::StringLiteral(s) = literal.without_parentheses() else { return None };
        let name = s.value.to_ascii_uppercase();
        self.facts.methods.push(Named { name: name.clone(), span: self.span(s.span) });
        Some(name)
    }

    /// The request body: `await req.json()`, `await c.req.json()`, `req.body`, `ctx.request.body`.
    fn is_request_body(&self, expr: &Expression) -> bool {
        let expr = match expr.without_parentheses() {
            Expression::AwaitExpression(a) => a.argument.without_parentheses(),
            Expression::TSAsExpression(a) => return self.is_request_body(&a.expression),
            other => other,
        };
        let first = self.first.as_deref();
        match expr {
            Expression::CallExpression(call) if call.arguments.is_empty() => {
                let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else {
                    return false;
                };
                if member.property.name != "json" {
                    return false;
                }
                Self::is_param(&member.object, first)
                    || matches!(member.object.without_parentheses(), Expression::StaticMemberExpression(m) if m.property.name == "req" && Self::is_param(&m.object, first))
            }
            Expression::StaticMemberExpression(member) if member.property.name == "body" => {
                Self::is_param(&member.object, first)
                    || matches!(member.object.without_parentheses(), Expression::StaticMemberExpression(m) if m.property.name == "request" && Self::is_param(&m.object, first))
            }
            Expression::TSAsExpression(a) => self.is_request_body(&a.expression),
            _ => false,
        }
    }

    /// Responses built by a call, in every framework's spelling.
    fn response_call(&mut self, call: &CallExpression) {
        let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else { return };
        let method = member.property.name.as_str();
        let object = member.object.without_parentheses();
        let first_arg = call.arguments.first().and_then(Argument::as_expression);
        let is_response_class =
            matches!(object, Expression::Identifier(id) if id.name == "NextResponse" || id.name == "Response");
        // Redirects: `NextResponse.redirect(url)` (307), `Response.redirect(url, 301)`,
        // `res.redirect(url)` and `c.redirect(url)` (302), with an explicit status when given.
        if method == "redirect"
            && (is_response_class
                || Self::is_param(object, self.second.as_deref())
                || Self::is_param(object, self.first.as_deref()))
        {
            let explicit = call.arguments.iter().filter_map(Argument::as_expression).find_map(|a| self.number(a));
            let implicit =
                if matches!(object, Expression::Identifier(id) if id.name == "NextResponse") { 307 } else { 302 };
            let (status, span) = explicit.unwrap_or((implicit, self.span(call.span)));
            self.respond(status, span, BodyShape::Empty);
            return;
        }
        // `NextResponse.json(body, init)`, `Response.json(body, init)`
        if method == "json" && is_response_class {
            let body = first_arg.map_or(BodyShape::Empty, |b| self.shape(b));
            self.init_status(call.arguments.get(1), call.span, body);
            return;
        }
        // Express / Fastify: `res.status(n).json(body)`, `reply.code(n).send(body)`
        if matches!(method, "json" | "send" | "end") {
            if let Expression::CallExpression(inner) = object {
                if let Expression::StaticMemberExpression(inner_member) = inner.callee.without_parentheses() {
                    if matches!(inner_member.property.name.as_str(), "status" | "code")
                        && Self::is_param(&inner_member.object, self.second.as_deref())
                    {
                        self.covered.push((inner.span.start, inner.span.end));
                        if let Some((status, span)) =
                            inner.arguments.first().and_then(Argument::as_expression).and_then(|a| self.number(a))
                        {
                            let body = self.body_of(method, first_arg);
                            self.respond(status, span, body);
                        }
                        return;
                    }
                }
            }
            if Self::is_param(object, self.second.as_deref()) {
                let (status, span) = self.pending_status.take().unwrap_or((200, self.span(call.span)));
                let body = self.body_of(method, first_arg);
                self.respond(status, span, body);
                return;
            }
        }
        // `res.status(204)` alone, then `res.end()`; `res.sendStatus(204)`
        if Self::is_param(object, self.second.as_deref()) {
            match method {
                "status" | "code" => {
                    if let Some(found) = first_arg.and_then(|a| self.number(a)) {
                        self.pending_status = Some(found);
                    }
                }
                "sendStatus" => {
                    if let Some((status, span)) = first_arg.and_then(|a| self.number(a)) {
                        self.respond(status, span, BodyShape::Empty);
                    }
                }
                _ => {}
            }
            return;
        }
        // Hono: `c.json(body, status?)`, `c.text(text, status?)`, `c.body(data, status?)`
        if Self::is_param(object, self.first.as_deref())
            && matches!(method, "json" | "text" | "body" | "html")
            && !call.arguments.is_empty()
        {
            let (status, span) = call
                .arguments
                .get(1)
                .and_then(Argument::as_expression)
                .and_then(|a| self.number(a))
                .unwrap_or((200, self.span(call.span)));
            let body = match method {
                "json" => first_arg.map_or(BodyShape::Empty, |b| self.shape(b)),
                "body" if first_arg.is_some_and(|a| matches!(a, Expression::NullLiteral(_))) => BodyShape::Empty,
                _ => BodyShape::Unknown,
            };
            self.respond(status, span, body);
        }
    }

    fn body_of(&self, method: &str, argument: Option<&Expression>) -> BodyShape {
        match (method, argument) {
            (_, None) => BodyShape::Empty,
            ("json" | "send", Some(body)) => self.shape(body),
            _ => BodyShape::Unknown,
        }
    }

    /// Records the status an `init` argument gives (`{ status: 404 }`), or 200 without one.
    fn init_status(&mut self, init: Option<&Argument>, call: oxc_span::Span, body: BodyShape) {
        let mut found = (200, self.span(call));
        if let Some(Expression::ObjectExpression(object)) = init.and_then(Argument::as_expression) {
            for property in &object.properties {
                let ObjectPropertyKind::ObjectProperty(property) = property else { continue };
                if property.key.static_name().as_deref() != Some("status") {
                    continue;
                }
                // A status from a variable: unknown, not guessed.
                let Some(status) = self.number(&property.value) else {
                    self.facts.unknown_status = true;
                    return;
                };
                found = status;
            }
        }
        self.respond(found.0, found.1, body);
    }

    fn number(&self, expr: &Expression) -> Option<(u16, Span)> {
        let Expression::NumericLiteral(number) = expr.without_parentheses() else { return None };
        let text = self.text.get(number.span.start as usize..number.span.end as usize)?;
        let status: u16 = text.parse().ok()?;
        (100..=599).contains(&status).then(|| (status, self.span(number.span)))
    }

    /// `const payload = { ... }`, `let q = supabase.from(...)`, or
    /// `const { data: rows } = await supabase.from(...)...` (also `await q` for such a `q`).
    fn bind(&mut self, pattern: &BindingPattern, init: &Expression) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                if let Some(rows) = self.query_chain(init) {
                    self.queries.insert(id.name.to_string(), rows);
                }
                let shape = self.shape(init);
                self.shapes.insert(id.name.to_string(), shape);
            }
            BindingPattern::ObjectPattern(object) => {
                let Some(rows) = self.query_chain(init) else { return };
                for property in &object.properties {
                    if property.key.static_name().as_deref() != Some("data") {
                        continue;
                    }
                    if let BindingPattern::BindingIdentifier(id) = &property.value {
                        self.shapes.insert(id.name.to_string(), rows.clone());
                    }
                }
            }
            _ => {}
        }
    }

    /// The rows of an (awaited) supabase-js chain: `.from('t')` or `.rpc('fn')` with what
    /// follows, or the continuation of a chain held in a variable (`q.eq(...)`, `await q`).
    fn query_chain(&self, expr: &Expression) -> Option<BodyShape> {
        let mut expr = expr.without_parentheses();
        if let Expression::AwaitExpression(a) = expr {
            expr = a.argument.without_parentheses();
        }
        let mut single = false;
        let mut selected = false;
        // The select's output names (`None`: every column), or `Err` when they are not known.
        let mut columns: Result<Option<Vec<String>>, ()> = Ok(None);
        while let Expression::CallExpression(call) = expr {
            let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else { return None };
            let argument =
                call.arguments.first().and_then(Argument::as_expression).map(Expression::without_parentheses);
            let literal = match argument {
                Some(Expression::StringLiteral(s)) => Some(s.value.as_str()),
                Some(Expression::TemplateLiteral(t)) if t.expressions.is_empty() => {
                    t.quasis.first().map(|q| q.value.raw.as_str())
                }
                _ => None,
            };
            match member.property.name.as_str() {
                "single" | "maybeSingle" => single = true,
                // The outermost select is the one that counts; `select()` is every column.
                "select" if !selected => {
                    selected = true;
                    columns = match (argument, literal) {
                        (None, _) => Ok(None),
                        (Some(_), Some(text)) => select_columns(text),
                        (Some(_), None) => Err(()),
                    };
                }
                "from" => {
                    let from = match (literal, columns) {
                        (Some(name), Ok(columns)) => RowsFrom::Table { name: name.to_owned(), columns },
                        _ => RowsFrom::Unknown,
                    };
                    return Some(BodyShape::Rows { single, from });
                }
                "rpc" => {
                    let from = literal.map_or(RowsFrom::Unknown, |name| RowsFrom::Function(name.to_owned()));
                    return Some(BodyShape::Rows { single, from });
                }
                _ => {}
            }
            expr = member.object.without_parentheses();
        }
        let Expression::Identifier(base) = expr else { return None };
        match self.queries.get(base.name.as_str())? {
            BodyShape::Rows { single: held, from } => {
                Some(BodyShape::Rows { single: single || *held, from: from.clone() })
            }
            _ => None,
        }
    }

    fn shape(&self, expr: &Expression) -> BodyShape {
        match expr.without_parentheses() {
            Expression::NullLiteral(_) => BodyShape::Empty,
            Expression::Identifier(id) if id.name == "undefined" => BodyShape::Empty,
            Expression::ObjectExpression(object) => {
                let mut keys = Vec::new();
                for property in &object.properties {
                    match property {
                        ObjectPropertyKind::ObjectProperty(p) if !p.computed => match p.key.static_name() {
                            Some(name) => {
                                keys.push(Named { name: name.to_string(), span: self.key_span(p.key.span()) });
                            }
                            None => return BodyShape::Unknown,
                        },
                        _ => return BodyShape::Unknown,
                    }
                }
                BodyShape::Object(keys)
            }
            Expression::ArrayExpression(_) => BodyShape::Array,
            Expression::Identifier(id) => self.shapes.get(id.name.as_str()).cloned().unwrap_or(BodyShape::Unknown),
            Expression::LogicalExpression(l) => self.shape(&l.left),
            Expression::TSAsExpression(e) => self.shape(&e.expression),
            Expression::CallExpression(call) => match call.callee.without_parentheses() {
                Expression::StaticMemberExpression(m) if m.property.name == "map" => BodyShape::Array,
                // `new Response(JSON.stringify({ invite }))`, the Edge Functions way.
                Expression::StaticMemberExpression(m)
                    if m.property.name == "stringify"
                        && matches!(m.object.without_parentheses(), Expression::Identifier(o) if o.name == "JSON") =>
                {
                    call.arguments
                        .first()
                        .and_then(Argument::as_expression)
                        .map_or(BodyShape::Unknown, |b| self.shape(b))
                }
                _ => BodyShape::Unknown,
            },
            _ => BodyShape::Unknown,
        }
    }

    fn key_span(&self, span: oxc_span::Span) -> Span {
        crate::extract::unquoted_span(self.file, self.text, span)
    }
}

use oxc_span::GetSpan;

/// A select string's output names: `Ok(None)` when it has a `*` (every column), `Err` when it
/// does not parse.
fn select_columns(select: &str) -> Result<Option<Vec<String>>, ()> {
    let items = crate::select::parse_select(select).map_err(|_| ())?;
    Ok(items.iter().map(|item| item.output_name().map(str::to_owned)).collect())
}

/// `event.data.id` as text, when the chain is plain identifiers and properties.
fn member_path(member: &StaticMemberExpression) -> Option<String> {
    let base = match &member.object {
        Expression::Identifier(id) => id.name.to_string(),
        Expression::StaticMemberExpression(inner) => member_path(inner)?,
        _ => return None,
    };
    Some(format!("{base}.{}", member.property.name))
}
