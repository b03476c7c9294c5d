//! Route handlers, found statically: Next.js app router (`app/**/route.ts` exports) and pages
//! router (`pages/api/**` default exports), Express, Hono, Fastify and Koa-router registrations
//! (`app.get('/x/:id', ...)`, `app.route('/x').post(...)`, routers mounted with a prefix), and
//! Supabase Edge Functions (`supabase/functions/<name>/index.ts`). Each handler's facts come from
//! [`handler`].

pub mod handler;
mod servers;

use std::fmt::Write;

use lockstep_diagnostics::{FileId, Span};
use oxc_ast::ast::{
    Argument, Declaration, ExportDefaultDeclarationKind, Expression, FormalParameters, FunctionBody, Program, Statement,
};

use crate::facts::Named;
pub use handler::{BodyShape, HandlerFacts, HandlerResponse, RowsFrom};

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// A handler that serves whatever method reaches it (no `req.method` branch for it).
pub const ANY_METHOD: &str = "ANY";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framework {
    NextApp,
    NextPages,
    Express,
    Hono,
    Fastify,
    Koa,
    EdgeFunction,
}

impl Framework {
    pub fn describe(self) -> &'static str {
        match self {
            Framework::NextApp => "Next.js app router",
            Framework::NextPages => "Next.js pages router",
            Framework::Express => "Express",
            Framework::Hono => "Hono",
            Framework::Fastify => "Fastify",
            Framework::Koa => "Koa router",
            Framework::EdgeFunction => "Supabase Edge Function",
        }
    }
}

/// One handler for one method and path.
#[derive(Clone, Debug)]
pub struct RouteHandler {
    /// Upper case, or [`ANY_METHOD`].
    pub method: Named,
    /// In contract spelling: `/api/orders/{id}`.
    pub path: String,
    pub framework: Framework,
    /// False when the handler's function is not in this file (an imported controller): its
    /// responses are unknown, not absent.
    pub body_known: bool,
    pub responses: Vec<HandlerResponse>,
    /// Top-level request-body keys the handler reads.
    pub body_fields: Vec<Named>,
    pub verifies_signature: bool,
    /// The header the signature is read from (`stripe-signature`), lower case.
    pub signature_header: Option<String>,
    /// Property paths the handler reads (`event.id`), for idempotency keys.
    pub member_paths: Vec<String>,
    /// Some status is computed (`{ status: error.status }`), so any status may be answered.
    pub unknown_status: bool,
}

/// A router of another file mounted under a prefix: `app.use('/api', orders)` with `orders`
/// imported from `source`.
#[derive(Clone, Debug)]
pub struct Mount {
    pub prefix: String,
    /// The import specifier, as written (`./routes/orders`).
    pub source: String,
}

/// What one source file serves.
#[derive(Clone, Debug, Default)]
pub struct RouteFile {
    pub handlers: Vec<RouteHandler>,
    pub mounts: Vec<Mount>,
}

/// The handlers of a file (by its path relative to the project), whatever the framework. A file
/// that does not parse, or serves nothing, yields none. A check uses [`crate::analyze`], which
/// parses once for the facts and the route handlers.
pub fn route_file(file: FileId, relative: &str, text: &str) -> RouteFile {
    let Some(kind) = route_kind(relative, text) else { return RouteFile::default() };
    // The same guard as the facts': a file refused there serves nothing here either.
    crate::parse::with_program(file, relative, text, |program| routes_of(file, text, program, kind)).unwrap_or_default()
}

/// How a file may serve routes, known before parsing it.
pub(crate) enum RouteKind {
    /// Next.js app router, at this path.
    NextApp(String),
    /// Next.js pages router (`pages/api`), at this path.
    NextPages(String),
    /// A Supabase Edge Function, at this path.
    EdgeFunction(String),
    /// A file that may register routes on a server (Express, Hono, Fastify, Koa).
    Server,
}

/// `None` for a file that serves no route: it need not be walked for handlers.
pub(crate) fn route_kind(relative: &str, text: &str) -> Option<RouteKind> {
    if let Some(path) = app_route_path(relative) {
        return Some(RouteKind::NextApp(path));
    }
    if let Some(path) = pages_api_path(relative) {
        return Some(RouteKind::NextPages(path));
    }
    if let Some(path) = edge_function_path(relative) {
        return Some(RouteKind::EdgeFunction(path));
    }
    servers::may_register(text).then_some(RouteKind::Server)
}

/// The handlers and mounts of a parsed file.
pub(crate) fn routes_of(file: FileId, text: &str, program: &Program, kind: RouteKind) -> RouteFile {
    let mut out = RouteFile::default();
    match kind {
        RouteKind::NextApp(path) => out.handlers = app_handlers(file, text, program, &path),
        RouteKind::NextPages(path) => {
            if let Some((params, body)) = default_export(program) {
                let facts = handler::analyze(file, text, params, body);
                out.handlers = split_by_method(facts, &path, Framework::NextPages, Span::new(file, 0, 0));
            }
        }
        RouteKind::EdgeFunction(path) => out.handlers = edge_handlers(file, text, program, &path),
        RouteKind::Server => out = servers::registrations(file, text, program),
    }
    let unverified_reader = |h: &RouteHandler| h.signature_header.is_some() && !h.verifies_signature;
    if out.handlers.iter().any(unverified_reader) && handler::file_verifies_signatures(program) {
        for handler in out.handlers.iter_mut().filter(|h| unverified_reader(h)) {
            handler.verifies_signature = true;
        }
    }
    out
}

/// The URL path a file serves by where it is (app router, pages router, Edge Function), known
/// without parsing it: what a route file that does not parse would serve.
pub fn file_route_path(relative: &str) -> Option<String> {
    app_route_path(relative).or_else(|| pages_api_path(relative)).or_else(|| edge_function_path(relative))
}

/// The URL path a file of the app router serves, or `None` when it is not a `route.*` file:
/// `app/api/orders/[id]/route.ts` → `/api/orders/{id}`; route groups `(x)` vanish; catch-alls
/// `[...slug]` and `[[...slug]]` become `{slug}`.
pub fn route_path(relative: &str) -> Option<String> {
    app_route_path(relative)
}

fn app_route_path(relative: &str) -> Option<String> {
    let parts: Vec<&str> = relative.split('/').collect();
    let file = parts.last()?;
    if !file.starts_with("route.") {
        return None;
    }
    let app = parts.iter().position(|p| *p == "app")?;
    Some(segments_path(&parts[app + 1..parts.len() - 1]))
}

/// `pages/api/orders/[id].ts` → `/api/orders/{id}`; `index` files serve their folder; files
/// starting with `_` are not routes.
fn pages_api_path(relative: &str) -> Option<String> {
    let parts: Vec<&str> = relative.split('/').collect();
    let pages = parts.iter().position(|p| *p == "pages")?;
    if parts.get(pages + 1) != Some(&"api") {
        return None;
    }
    let file = parts.last()?;
    let stem = file.rsplit_once('.').map_or(*file, |(stem, ext)| {
        if matches!(ext, "ts" | "js" | "mts" | "mjs" | "cts" | "cjs") { stem } else { "" }
    });
    let has_suffix = |suffix: &str| stem.to_ascii_lowercase().ends_with(suffix);
    if stem.is_empty() || stem.starts_with('_') || has_suffix(".d") || has_suffix(".test") {
        return None;
    }
    let mut segments: Vec<&str> = parts[pages + 1..parts.len() - 1].to_vec();
    if stem != "index" {
        segments.push(stem);
    }
    Some(segments_path(&segments))
}

/// `supabase/functions/<name>/index.ts` → `/functions/v1/<name>`.
fn edge_function_path(relative: &str) -> Option<String> {
    let parts: Vec<&str> = relative.split('/').collect();
    let at = parts.windows(2).position(|w| w == ["supabase", "functions"])?;
    let name = parts.get(at + 2)?;
    let file = parts.get(at + 3)?;
    (parts.len() == at + 4 && file.starts_with("index.") && !name.starts_with('_'))
        .then(|| format!("/functions/v1/{name}"))
}

fn segments_path(segments: &[&str]) -> String {
    let mut path = String::new();
    for segment in segments {
        if segment.starts_with('(') && segment.ends_with(')') {
            continue;
        }
        path.push('/');
        if let Some(inner) = segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let name = inner.trim_start_matches('[').trim_end_matches(']').trim_start_matches("...");
            let _ = write!(path, "{{{name}}}");
        } else {
            path.push_str(segment);
        }
    }
    if path.is_empty() { "/".to_owned() } else { path }
}

/// `export async function GET(request) {...}` and `export const POST = async (req) => {...}`.
fn app_handlers(file: FileId, text: &str, program: &Program, path: &str) -> Vec<RouteHandler> {
    let mut handlers = Vec::new();
    for statement in &program.body {
        let Statement::ExportDeclaration(export) = statement else { continue };
        match &export.declaration {
            Declaration::FunctionDeclaration(function) => {
                let (Some(id), Some(body)) = (&function.id, &function.body) else { continue };
                if METHODS.contains(&id.name.as_str()) {
                    let facts = handler::analyze(file, text, &function.params, body);
                    handlers.push(handler_of(facts, named(file, &id.name, id.span), path, Framework::NextApp, true));
                }
            }
            Declaration::VariableDeclaration(declaration) => {
                for declarator in &declaration.declarations {
                    let oxc_ast::ast::BindingPattern::BindingIdentifier(id) = &declarator.id else { continue };
                    if !METHODS.contains(&id.name.as_str()) {
                        continue;
                    }
                    let method = named(file, &id.name, id.span);
                    let facts = declarator.init.as_ref().and_then(|init| function_facts(file, text, init));
                    let known = facts.is_some();
                    handlers.push(handler_of(facts.unwrap_or_default(), method, path, Framework::NextApp, known));
                }
            }
            _ => {}
        }
    }
    handlers
}

/// `Deno.serve(handler)`, `serve(handler)`, `Deno.serve({ port }, handler)`.
fn edge_handlers(file: FileId, text: &str, program: &Program, path: &str) -> Vec<RouteHandler> {
    for statement in &program.body {
        let Statement::ExpressionStatement(statement) = statement else { continue };
        let Expression::CallExpression(call) = statement.expression.without_parentheses() else { continue };
        let is_serve = match call.callee.without_parentheses() {
            Expression::Identifier(id) => id.name == "serve",
            Expression::StaticMemberExpression(m) => m.property.name == "serve",
            _ => false,
        };
        if !is_serve {
            continue;
        }
        let Some(function) = call.arguments.iter().rev().find_map(Argument::as_expression) else { continue };
        let facts = function_facts(file, text, function).or_else(|| {
            local_function(program, function).map(|(params, body)| handler::analyze(file, text, params, body))
        });
        if let Some(facts) = facts {
            return split_by_method(
                facts,
                path,
                Framework::EdgeFunction,
                Span::new(file, call.span.start, call.span.end),
            );
        }
    }
    Vec::new()
}

/// The facts of a function expression (arrow or `function`), if it is one.
pub(crate) fn function_facts(file: FileId, text: &str, expr: &Expression) -> Option<HandlerFacts> {
    match expr.without_parentheses() {
        Expression::ArrowFunctionExpression(arrow) => Some(match arrow.get_expression() {
            Some(body) => handler::analyze_expression(file, text, &arrow.params, body),
            None => handler::analyze(file, text, &arrow.params, arrow.get_function_body()?),
        }),
        Expression::FunctionExpression(function) => {
            Some(handler::analyze(file, text, &function.params, function.body.as_ref()?))
        }
        _ => None,
    }
}

/// A function declared in this file under the name `expr` is.
pub(crate) fn local_function<'p, 'a>(
    program: &'p Program<'a>,
    expr: &Expression,
) -> Option<(&'p FormalParameters<'a>, &'p FunctionBody<'a>)> {
    let Expression::Identifier(name) = expr.without_parentheses() else { return None };
    for statement in &program.body {
        match statement {
            Statement::FunctionDeclaration(function) if function.id.as_ref().is_some_and(|id| id.name == name.name) => {
                return Some((&function.params, function.body.as_ref()?));
            }
            Statement::VariableDeclaration(declaration) => {
                for declarator in &declaration.declarations {
                    let oxc_ast::ast::BindingPattern::BindingIdentifier(id) = &declarator.id else { continue };
                    if id.name != name.name {
                        continue;
                    }
                    match declarator.init.as_ref().map(Expression::without_parentheses) {
                        Some(Expression::ArrowFunctionExpression(arrow)) => {
                            return Some((&arrow.params, arrow.get_function_body()?));
                        }
                        Some(Expression::FunctionExpression(function)) => {
                            return Some((&function.params, function.body.as_ref()?));
                        }
                        _ => return None,
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// `export default function handler(req, res) {...}`, `export default async (req, res) => {...}`,
/// or `export default handler` for a function of this file.
fn default_export<'p, 'a>(program: &'p Program<'a>) -> Option<(&'p FormalParameters<'a>, &'p FunctionBody<'a>)> {
    for statement in &program.body {
        let Statement::ExportDefaultDeclaration(export) = statement else { continue };
        return match &export.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(function) => {
                Some((&function.params, function.body.as_ref()?))
            }
            ExportDefaultDeclarationKind::ArrowFunctionExpression(arrow) => {
                Some((&arrow.params, arrow.get_function_body()?))
            }
            other => local_function(program, other.as_expression()?),
        };
    }
    None
}

fn named(file: FileId, name: &str, span: oxc_span::Span) -> Named {
    Named { name: name.to_owned(), span: Span::new(file, span.start, span.end) }
}

pub(crate) fn handler_of(
    facts: HandlerFacts,
    method: Named,
    path: &str,
    framework: Framework,
    body_known: bool,
) -> RouteHandler {
    RouteHandler {
        method,
        path: path.to_owned(),
        framework,
        body_known,
        responses: facts.responses,
        body_fields: facts.body_fields.into_iter().map(|(field, _)| field).collect(),
        verifies_signature: facts.verifies_signature,
        signature_header: facts.signature_header,
        member_paths: facts.member_paths,
        unknown_status: facts.unknown_status,
    }
}

/// One handler per method the code branches on (`req.method === 'POST'`), each with its
/// branch's responses and those outside any branch; the code outside the branches serves the
/// other methods (`ANY`). A `405` outside the branches is the "method not allowed" fallback and
/// belongs to no endpoint.
fn split_by_method(facts: HandlerFacts, path: &str, framework: Framework, at: Span) -> Vec<RouteHandler> {
    let mut methods: Vec<Named> = Vec::new();
    for method in &facts.methods {
        if !methods.iter().any(|m| m.name == method.name) {
            methods.push(method.clone());
        }
    }
    let common = |r: &HandlerResponse| r.method.is_none() && r.status != 405;
    let mut handlers = Vec::new();
    for method in &methods {
        // A branch that responds is the method's handler; one that does not falls through to
        // the code after the branches.
        let mut own = facts.clone();
        let answers = facts.responses.iter().any(|r| r.method.as_deref() == Some(method.name.as_str()));
        own.responses.retain(|r| r.method.as_deref() == Some(method.name.as_str()) || (!answers && common(r)));
        own.body_fields.retain(|(_, m)| m.as_deref() == Some(method.name.as_str()) || (!answers && m.is_none()));
        handlers.push(handler_of(own, method.clone(), path, framework, true));
    }
    // After a CORS preflight branch (`if (req.method === 'OPTIONS') ...`) the rest of the
    // function serves every other method, even when its responses are built by helpers the
    // reader does not follow (`return successResponse(data)`).
    let only_preflight = methods.iter().all(|m| m.name == "OPTIONS");
    if only_preflight || facts.responses.iter().any(&common) {
        let mut rest = facts;
        rest.responses.retain(|r| common(r));
        rest.body_fields.retain(|(_, m)| m.is_none());
        handlers.push(handler_of(rest, Named { name: ANY_METHOD.to_owned(), span: at }, path, framework, true));
    }
    handlers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_the_app_router() {
        assert_eq!(route_path("app/api/orders/route.ts").as_deref(), Some("/api/orders"));
        assert_eq!(route_path("src/app/(shop)/api/orders/[id]/route.ts").as_deref(), Some("/api/orders/{id}"));
        assert_eq!(route_path("app/api/files/[...path]/route.js").as_deref(), Some("/api/files/{path}"));
        assert_eq!(route_path("app/api/[[...slug]]/route.ts").as_deref(), Some("/api/{slug}"));
        assert_eq!(route_path("app/orders/page.tsx"), None);
    }

    #[test]
    fn paths_follow_the_pages_router_and_edge_functions() {
        assert_eq!(pages_api_path("pages/api/orders/index.ts").as_deref(), Some("/api/orders"));
        assert_eq!(pages_api_path("src/pages/api/orders/[id].ts").as_deref(), Some("/api/orders/{id}"));
        assert_eq!(pages_api_path("pages/api/_middleware.ts"), None);
        assert_eq!(pages_api_path("pages/orders.tsx"), None);
        assert_eq!(
            edge_function_path("supabase/functions/send-email/index.ts").as_deref(),
            Some("/functions/v1/send-email")
        );
        assert_eq!(edge_function_path("supabase/functions/_shared/cors.ts"), None);
    }
}
