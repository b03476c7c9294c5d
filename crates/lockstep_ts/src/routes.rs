//! Next.js app-router route handlers (`app/**/route.ts`): the HTTP methods a file exports and
//! the statuses each handler can return.

use std::fmt::Write;

use lockstep_diagnostics::{FileId, Span};
use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, CallExpression, Declaration, ExportDeclaration, Expression, NewExpression, ObjectPropertyKind,
    StaticMemberExpression,
};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::SourceType;

use crate::facts::Named;

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Calls that verify a webhook's signature.
const SIGNATURE_CHECKS: [&str; 6] =
    ["constructEvent", "constructEventAsync", "verify", "timingSafeEqual", "createHmac", "verifySignature"];

/// `event.data.id` as text, when the chain is plain identifiers and properties.
fn member_path(member: &StaticMemberExpression) -> Option<String> {
    let base = match &member.object {
        Expression::Identifier(id) => id.name.to_string(),
        Expression::StaticMemberExpression(inner) => member_path(inner)?,
        _ => return None,
    };
    Some(format!("{base}.{}", member.property.name))
}

/// One exported handler.
#[derive(Clone, Debug)]
pub struct RouteHandler {
    pub method: Named,
    /// Every status a response in the handler is built with; an implicit 200 points at the call.
    pub statuses: Vec<(u16, Span)>,
    /// The handler calls a signature check: Stripe's `constructEvent`, a standard-webhooks or
    /// svix `verify`, `crypto.timingSafeEqual`, or builds an HMAC (`createHmac`).
    pub verifies_signature: bool,
    /// Property paths the handler reads (`event.id`, `payload.delivery`), for idempotency keys.
    pub member_paths: Vec<String>,
}

/// The URL path a file of the app router serves, or `None` when it is not a `route.*` file:
/// `app/api/orders/[id]/route.ts` → `/api/orders/{id}`; route groups `(x)` vanish; catch-alls
/// `[...slug]` and `[[...slug]]` become `{slug}`.
pub fn route_path(relative: &str) -> Option<String> {
    let parts: Vec<&str> = relative.split('/').collect();
    let file = parts.last()?;
    if !file.starts_with("route.") {
        return None;
    }
    let app = parts.iter().position(|p| *p == "app")?;
    let mut path = String::new();
    for segment in &parts[app + 1..parts.len() - 1] {
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
    Some(if path.is_empty() { "/".to_owned() } else { path })
}

/// The handlers a route file exports. A file that does not parse yields none.
pub fn route_handlers(file: FileId, path: &str, text: &str) -> Vec<RouteHandler> {
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::ts());
    let parsed = Parser::new(&allocator, text, source_type).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return Vec::new();
    }
    let mut collector = Handlers { file, text, found: Vec::new(), current: None };
    collector.visit_program(&parsed.program);
    collector.found
}

struct Handlers<'t> {
    file: FileId,
    text: &'t str,
    found: Vec<RouteHandler>,
    /// The handler being read: an index into `found`.
    current: Option<usize>,
}

impl<'a> Visit<'a> for Handlers<'_> {
    fn visit_export_declaration(&mut self, it: &ExportDeclaration<'a>) {
        match &it.declaration {
            Declaration::FunctionDeclaration(function) => {
                if let Some(id) = function.id.as_ref().filter(|id| METHODS.contains(&id.name.as_str())) {
                    self.begin(id.name.as_str(), id.span);
                }
            }
            Declaration::VariableDeclaration(declaration) => {
                for declarator in &declaration.declarations {
                    if let oxc_ast::ast::BindingPattern::BindingIdentifier(id) = &declarator.id {
                        if METHODS.contains(&id.name.as_str()) {
                            self.begin(id.name.as_str(), id.span);
                        }
                    }
                }
            }
            _ => {}
        }
        walk::walk_export_declaration(self, it);
        self.current = None;
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let callee = match &it.callee {
            Expression::StaticMemberExpression(member) => Some(member.property.name.as_str()),
            Expression::Identifier(id) => Some(id.name.as_str()),
            _ => None,
        };
        if let (Some(current), Some(name)) = (self.current, callee) {
            if SIGNATURE_CHECKS.contains(&name) {
                self.found[current].verifies_signature = true;
            }
        }
        // `NextResponse.json(body, { status })`, `Response.json(...)`
        if let Expression::StaticMemberExpression(member) = &it.callee {
            let is_response = matches!(&member.object, Expression::Identifier(id) if id.name == "NextResponse" || id.name == "Response");
            if is_response && member.property.name == "json" {
                self.status(it.arguments.get(1), it.span);
            }
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if let (Some(current), Some(path)) = (self.current, member_path(it)) {
            self.found[current].member_paths.push(path);
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        // `new Response(body, { status })`, `new NextResponse(...)`
        if matches!(&it.callee, Expression::Identifier(id) if id.name == "NextResponse" || id.name == "Response") {
            self.status(it.arguments.get(1), it.span);
        }
        walk::walk_new_expression(self, it);
    }
}

impl Handlers<'_> {
    fn begin(&mut self, method: &str, span: oxc_span::Span) {
        self.found.push(RouteHandler {
            method: Named { name: method.to_owned(), span: Span::new(self.file, span.start, span.end) },
            statuses: Vec::new(),
            verifies_signature: false,
            member_paths: Vec::new(),
        });
        self.current = Some(self.found.len() - 1);
    }

    /// Records the status an `init` argument gives (`{ status: 404 }`), or 200 without one.
    fn status(&mut self, init: Option<&Argument>, call: oxc_span::Span) {
        let Some(current) = self.current else { return };
        let mut found = (200, Span::new(self.file, call.start, call.end));
        if let Some(Expression::ObjectExpression(object)) = init.and_then(Argument::as_expression) {
            for property in &object.properties {
                let ObjectPropertyKind::ObjectProperty(property) = property else { continue };
                if property.key.static_name().as_deref() != Some("status") {
                    continue;
                }
                match &property.value {
                    Expression::NumericLiteral(number) => {
                        let span = Span::new(self.file, number.span.start, number.span.end);
                        let text = &self.text[number.span.start as usize..number.span.end as usize];
                        match text.parse::<u16>() {
                            Ok(code) => found = (code, span),
                            Err(_) => return,
                        }
                    }
                    // A status from a variable: unknown, not guessed.
                    _ => return,
                }
            }
        }
        self.found[current].statuses.push(found);
    }
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
}
