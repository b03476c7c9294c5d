//! Express, Hono, Fastify and Koa-router registrations: `app.get('/orders/:id', handler)`,
//! `router.post(...)`, `app.route('/orders').get(...).post(...)`, routers mounted under a prefix
//! (`app.use('/api', router)`, `app.route('/api', sub)`, `new Router({ prefix: '/api' })`,
//! `router.prefix('/api')`). A router imported from another file and mounted here becomes a
//! [`Mount`] the caller resolves.

use std::collections::HashMap;

use lockstep_diagnostics::{FileId, Span};
use oxc_ast::ast::{
    Argument, BindingPattern, CallExpression, Expression, ImportDeclaration, ImportDeclarationSpecifier,
    ObjectPropertyKind, Program, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};

use super::{Framework, Mount, RouteFile, function_facts, handler, handler_of, local_function};
use crate::facts::Named;

const VERBS: [&str; 8] = ["get", "post", "put", "patch", "delete", "head", "options", "all"];

/// A cheap test before parsing: the file imports one of the frameworks.
pub fn may_register(text: &str) -> bool {
    ["express", "hono", "fastify", "koa"].iter().any(|name| text.contains(name))
}

pub fn registrations(file: FileId, text: &str, program: &Program) -> RouteFile {
    let mut reader = Registrations {
        file,
        text,
        program,
        framework: None,
        imports: HashMap::new(),
        local_mounts: HashMap::new(),
        imported_mounts: Vec::new(),
        found: Vec::new(),
    };
    reader.visit_program(program);
    if reader.framework.is_none() {
        return RouteFile::default();
    }
    let framework = reader.framework.unwrap_or(Framework::Express);
    // A router's full prefix: its own, then those of what it is mounted on.
    let prefix_of = |name: &str| {
        let mut prefix = String::new();
        let mut at = name.to_owned();
        for _ in 0..8 {
            match reader.local_mounts.get(&at) {
                Some((parent, mount)) => {
                    prefix.insert_str(0, mount);
                    at.clone_from(parent);
                }
                None => break,
            }
        }
        prefix
    };
    let mut out = RouteFile::default();
    for registration in reader.found {
        let prefix = prefix_of(&registration.router);
        let path = join(&prefix, &registration.path);
        let mut handler = handler_of(registration.facts, registration.method, &path, framework, registration.known);
        handler.path = path;
        out.handlers.push(handler);
    }
    out.mounts = reader.imported_mounts.into_iter().map(|(prefix, source)| Mount { prefix, source }).collect();
    out
}

fn join(prefix: &str, path: &str) -> String {
    let joined = format!("{}/{}", prefix.trim_end_matches('/'), path.trim_start_matches('/'));
    let converted: Vec<String> = joined
        .split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) => format!("{{{}}}", name.trim_end_matches('?')),
            None => segment.to_owned(),
        })
        .collect();
    let path = converted.join("/");
    if path.len() > 1 { path.trim_end_matches('/').to_owned() } else { "/".to_owned() }
}

struct Registration {
    router: String,
    method: Named,
    path: String,
    facts: handler::HandlerFacts,
    known: bool,
}

struct Registrations<'t, 'p, 'a> {
    file: FileId,
    text: &'t str,
    program: &'p Program<'a>,
    framework: Option<Framework>,
    /// Local names imported from other files, by import specifier.
    imports: HashMap<String, String>,
    /// `child → (parent, prefix)` for routers of this file.
    local_mounts: HashMap<String, (String, String)>,
    imported_mounts: Vec<(String, String)>,
    found: Vec<Registration>,
}

impl<'a> Visit<'a> for Registrations<'_, '_, 'a> {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        let source = it.source.value.as_str();
        let framework = match source {
            "express" => Some(Framework::Express),
            "hono" => Some(Framework::Hono),
            "fastify" => Some(Framework::Fastify),
            "koa" | "@koa/router" | "koa-router" => Some(Framework::Koa),
            _ => None,
        };
        if framework.is_some() && self.framework.is_none() {
            self.framework = framework;
        }
        if source.starts_with('.') {
            for specifier in it.specifiers.iter().flatten() {
                let local = match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => &s.local,
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => &s.local,
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => &s.local,
                };
                self.imports.insert(local.name.to_string(), source.to_owned());
            }
        }
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        // `const api = new Hono().basePath('/api')`
        if let (BindingPattern::BindingIdentifier(id), Some(Expression::CallExpression(call))) =
            (&it.id, it.init.as_ref().map(Expression::without_parentheses))
        {
            if let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() {
                if member.property.name == "basePath" {
                    if let Some(prefix) = call.arguments.first().and_then(Argument::as_expression).and_then(string) {
                        self.local_mounts.insert(id.name.to_string(), (String::new(), prefix));
                    }
                }
            }
        }
        // `const router = new Router({ prefix: '/api' })` (Koa)
        if let (BindingPattern::BindingIdentifier(id), Some(Expression::NewExpression(new))) =
            (&it.id, it.init.as_ref().map(Expression::without_parentheses))
        {
            let prefix = new.arguments.first().and_then(Argument::as_expression).and_then(|options| {
                let Expression::ObjectExpression(object) = options.without_parentheses() else { return None };
                object.properties.iter().find_map(|p| match p {
                    ObjectPropertyKind::ObjectProperty(p) if p.key.static_name().as_deref() == Some("prefix") => {
                        string(&p.value)
                    }
                    _ => None,
                })
            });
            if let Some(prefix) = prefix {
                self.local_mounts.insert(id.name.to_string(), (String::new(), prefix));
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        self.call(it);
        walk::walk_call_expression(self, it);
    }
}

impl Registrations<'_, '_, '_> {
    fn call(&mut self, call: &CallExpression) {
        let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else { return };
        let verb = member.property.name.as_str();
        let object = member.object.without_parentheses();
        // Mounts: `app.use('/api', router)`, `app.route('/api', sub)`, `app.register(plugin, { prefix })`,
        // `router.prefix('/api')`.
        if let Expression::Identifier(parent) = object {
            match (verb, call.arguments.len()) {
                ("use" | "route", 2..) => {
                    if let (Some(prefix), Some(Expression::Identifier(child))) = (
                        call.arguments.first().and_then(Argument::as_expression).and_then(string),
                        call.arguments.last().and_then(Argument::as_expression).map(Expression::without_parentheses),
                    ) {
                        self.mount(&parent.name, &child.name, prefix);
                        return;
                    }
                }
                ("register", 2) => {
                    let prefix = call.arguments.get(1).and_then(Argument::as_expression).and_then(|options| {
                        let Expression::ObjectExpression(object) = options.without_parentheses() else { return None };
                        object.properties.iter().find_map(|p| match p {
                            ObjectPropertyKind::ObjectProperty(p)
                                if p.key.static_name().as_deref() == Some("prefix") =>
                            {
                                string(&p.value)
                            }
                            _ => None,
                        })
                    });
                    if let (Some(prefix), Some(Expression::Identifier(child))) = (
                        prefix,
                        call.arguments.first().and_then(Argument::as_expression).map(Expression::without_parentheses),
                    ) {
                        self.mount(&parent.name, &child.name, prefix);
                        return;
                    }
                }
                ("prefix", 1) => {
                    if let Some(prefix) = call.arguments.first().and_then(Argument::as_expression).and_then(string) {
                        self.local_mounts.insert(parent.name.to_string(), (String::new(), prefix));
                    }
                    return;
                }
                _ => {}
            }
        }
        if !VERBS.contains(&verb) {
            return;
        }
        // `app.route('/orders').get(handler)` (Express): the path is the route's.
        let (router, path, handlers): (String, String, &[Argument]) = match object {
            Expression::Identifier(router) => {
                let Some(path) = call.arguments.first().and_then(Argument::as_expression).and_then(string) else {
                    return;
                };
                (router.name.to_string(), path, &call.arguments[1..])
            }
            Expression::CallExpression(inner) => {
                let Some((router, path)) = route_chain(inner) else { return };
                (router, path, &call.arguments[..])
            }
            _ => return,
        };
        if !path.starts_with('/') || handlers.is_empty() {
            return;
        }
        let Some(last) = handlers.last().and_then(Argument::as_expression) else { return };
        let facts = function_facts(self.file, self.text, last).or_else(|| {
            local_function(self.program, last)
                .map(|(params, body)| handler::analyze(self.file, self.text, params, body))
        });
        // A handler that is not a function of this file (an imported controller): served, but
        // what it responds is unknown.
        let is_function_like = matches!(
            last.without_parentheses(),
            Expression::Identifier(_)
                | Expression::StaticMemberExpression(_)
                | Expression::ArrowFunctionExpression(_)
                | Expression::FunctionExpression(_)
        );
        if facts.is_none() && !is_function_like {
            return;
        }
        let method = if verb == "all" { super::ANY_METHOD.to_owned() } else { verb.to_ascii_uppercase() };
        let span = Span::new(self.file, member.property.span.start, member.property.span.end);
        self.found.push(Registration {
            router,
            method: Named { name: method, span },
            path,
            known: facts.is_some(),
            facts: facts.unwrap_or_default(),
        });
    }

    fn mount(&mut self, parent: &str, child: &str, prefix: String) {
        match self.imports.get(child) {
            Some(source) => self.imported_mounts.push((prefix, source.clone())),
            None => {
                self.local_mounts.insert(child.to_owned(), (parent.to_owned(), prefix));
            }
        }
    }
}

/// `app.route('/orders')`, possibly after other verbs of the same route: the router and path.
fn route_chain(call: &CallExpression) -> Option<(String, String)> {
    let Expression::StaticMemberExpression(member) = call.callee.without_parentheses() else { return None };
    match member.object.without_parentheses() {
        Expression::Identifier(router) if member.property.name == "route" && call.arguments.len() == 1 => {
            Some((router.name.to_string(), call.arguments.first().and_then(Argument::as_expression).and_then(string)?))
        }
        Expression::CallExpression(inner) if VERBS.contains(&member.property.name.as_str()) => route_chain(inner),
        _ => None,
    }
}

fn string(expr: &Expression) -> Option<String> {
    match expr.without_parentheses() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => Some(t.quasis.first()?.value.raw.to_string()),
        _ => None,
    }
}
