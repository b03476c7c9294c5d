//! HTTP calls to the app's own API: `fetch`, `axios` and `ky`, with the URL as a literal, a
//! template literal or a concatenation (dynamic parts become parameters) and the method; and
//! calls through a thin wrapper function of the same file (`api('/orders')`); Supabase Edge
//! Functions through `supabase.functions.invoke('name')` or a URL ending in `/functions/v1/name`.

use lockstep_diagnostics::{FileId, Span};
use oxc_ast::ast::{Argument, BinaryOperator, CallExpression, Expression, ObjectPropertyKind};
use oxc_span::GetSpan;

use crate::facts::{HttpCall, Named, UrlSegment};

const AXIOS_METHODS: [&str; 7] = ["get", "post", "put", "patch", "delete", "head", "options"];

/// A function of the file that is a thin wrapper around one HTTP call, with its first parameter
/// as (the end of) the URL: `const api = (path, init) => fetch(`/api${path}`, init)`.
#[derive(Clone, Debug)]
pub struct Wrapper {
    pub client: &'static str,
    /// The URL's literal text before the parameter.
    pub prefix: String,
    /// The method the wrapper itself sets, when it is a literal.
    pub method: Option<String>,
    /// The wrapper returns the parsed body (it calls `.json()` or reads axios's `.data`), not
    /// the response.
    pub returns_body: bool,
}

/// Whether `call` is the HTTP call of a wrapper whose URL parameter is `param`: the URL is the
/// parameter, or literal text followed by it.
pub fn wrapped_call(
    file: FileId,
    text: &str,
    call: &CallExpression,
    param: &str,
    axios_names: &dyn Fn(&str) -> bool,
) -> Option<Wrapper> {
    let (client, method_from_callee) = client_of(file, call, axios_names)?;
    let first = call.arguments.first()?.as_expression()?;
    let (url_expr, options) = match first.without_parentheses() {
        Expression::ObjectExpression(_) if client == "axios" => (property_value(first, "url")?, Some(first)),
        _ => (first, call.arguments.get(1).and_then(Argument::as_expression)),
    };
    let is_param = |e: &Expression| matches!(e.without_parentheses(), Expression::Identifier(id) if id.name == param);
    let prefix = match url_expr.without_parentheses() {
        e if is_param(e) => String::new(),
        Expression::TemplateLiteral(t) if t.expressions.first().is_some_and(&is_param) => {
            t.quasis.first()?.value.raw.to_string()
        }
        Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition && is_param(&b.right) => {
            let Expression::StringLiteral(s) = b.left.without_parentheses() else { return None };
            s.value.to_string()
        }
        _ => return None,
    };
    if !prefix.is_empty() && !prefix.starts_with('/') {
        return None;
    }
    // `/api/orders/${id}` is a call with an id, not a wrapper: after a `/`, the parameter must
    // be named like a path.
    let lower = param.to_ascii_lowercase();
    let named_like_path = ["path", "url", "endpoint", "route", "resource", "uri", "href", "input"]
        .iter()
        .any(|word| lower.contains(word));
    if prefix.ends_with('/') && !named_like_path {
        return None;
    }
    let method = method_from_callee.map(|m| m.name).or_else(|| {
        let value = property_value(options?, "method")?;
        literal(file, text, value).map(|(name, _)| name.to_ascii_uppercase())
    });
    Some(Wrapper { client, prefix, method, returns_body: false })
}

/// A call to a wrapper: the URL is the wrapper's prefix followed by the first argument; the
/// method comes from the second argument's `method`, else from the wrapper.
pub fn wrapper_call(file: FileId, text: &str, call: &CallExpression, wrapper: &Wrapper) -> Option<HttpCall> {
    let argument = call.arguments.first()?.as_expression()?;
    let mut pieces = vec![Some(wrapper.prefix.clone())];
    collect(argument, &mut pieces)?;
    let span = Span::new(file, argument.span().start, argument.span().end);
    let segments = segments(&pieces)?;
    let given = call.arguments.get(1).and_then(Argument::as_expression).and_then(|o| property_value(o, "method"));
    let literal_method = given.and_then(|value| literal(file, text, value));
    let dynamic_method = given.is_some() && literal_method.is_none();
    let method = literal_method
        .map(|(name, span)| Named { name: name.to_ascii_uppercase(), span })
        .or_else(|| wrapper.method.clone().map(|name| Named { name, span }));
    Some(HttpCall { client: wrapper.client, method, dynamic_method, segments, url_span: span })
}

/// Which client a call's callee is, and the method its name gives (`axios.post`).
fn client_of(
    file: FileId,
    call: &CallExpression,
    axios_names: &dyn Fn(&str) -> bool,
) -> Option<(&'static str, Option<Named>)> {
    Some(match call.callee.without_parentheses() {
        Expression::Identifier(id) if id.name == "fetch" => ("fetch", None),
        Expression::Identifier(id) if id.name == "ky" || axios_names(&id.name) => {
            (if id.name == "ky" { "ky" } else { "axios" }, None)
        }
        Expression::StaticMemberExpression(member) => {
            let object = match member.object.without_parentheses() {
                Expression::Identifier(id) => id.name.as_str(),
                _ => return None,
            };
            let property = member.property.name.as_str();
            if property == "fetch" && matches!(object, "window" | "globalThis" | "self") {
                ("fetch", None)
            } else if (object == "ky" || axios_names(object)) && AXIOS_METHODS.contains(&property) {
                (
                    if object == "ky" { "ky" } else { "axios" },
                    Some(Named {
                        name: property.to_ascii_uppercase(),
                        span: Span::new(file, member.property.span.start, member.property.span.end),
                    }),
                )
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// The HTTP call `call` makes, if it is one with a same-origin path.
pub fn http_call(
    file: FileId,
    text: &str,
    call: &CallExpression,
    axios_names: &dyn Fn(&str) -> bool,
    consts: &UrlConsts,
) -> Option<HttpCall> {
    let (client, method_from_callee) = client_of(file, call, axios_names)?;
    let first = call.arguments.first()?.as_expression()?;
    // `axios({ method, url })`
    let (url_expr, options) = match first.without_parentheses() {
        Expression::ObjectExpression(_) if client == "axios" => (property_value(first, "url")?, Some(first)),
        _ => (first, call.arguments.get(1).and_then(Argument::as_expression)),
    };
    let (segments, span) = url(file, url_expr, consts)?;
    let given = options.and_then(|o| property_value(o, "method"));
    let literal_method = given.and_then(|value| literal(file, text, value));
    let dynamic_method = method_from_callee.is_none() && given.is_some() && literal_method.is_none();
    let method = method_from_callee
        .or_else(|| literal_method.map(|(name, span)| Named { name: name.to_ascii_uppercase(), span }));
    Some(HttpCall { client, method, dynamic_method, segments, url_span: span })
}

/// `client.functions.invoke('send-invite', { body, method })`: a call of the Edge Function at
/// `/functions/v1/send-invite`, POST unless the options say otherwise. `is_client` tells
/// whether the object is a supabase client.
pub fn functions_invoke(
    file: FileId,
    text: &str,
    call: &CallExpression,
    is_client: &dyn Fn(&Expression) -> bool,
) -> Option<HttpCall> {
    let Expression::StaticMemberExpression(invoke) = call.callee.without_parentheses() else { return None };
    let Expression::StaticMemberExpression(functions) = invoke.object.without_parentheses() else { return None };
    if invoke.property.name != "invoke" || functions.property.name != "functions" || !is_client(&functions.object) {
        return None;
    }
    let name = call.arguments.first()?.as_expression()?;
    let mut pieces = vec![Some("/functions/v1/".to_owned())];
    collect(name, &mut pieces)?;
    let segments = segments(&pieces)?;
    let given = call.arguments.get(1).and_then(Argument::as_expression).and_then(|o| property_value(o, "method"));
    let literal_method = given.and_then(|value| literal(file, text, value));
    let dynamic_method = given.is_some() && literal_method.is_none();
    let (method, method_span) = literal_method
        .unwrap_or_else(|| ("POST".to_owned(), Span::new(file, invoke.property.span.start, invoke.property.span.end)));
    let method = Named { name: method.to_ascii_uppercase(), span: method_span };
    let span = Span::new(file, name.span().start, name.span().end);
    Some(HttpCall { client: "supabase", method: Some(method), dynamic_method, segments, url_span: span })
}

fn property_value<'b, 'a>(object: &'b Expression<'a>, key: &str) -> Option<&'b Expression<'a>> {
    let Expression::ObjectExpression(object) = object.without_parentheses() else { return None };
    object.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if p.key.static_name().as_deref() == Some(key) => Some(&p.value),
        _ => None,
    })
}

fn literal(file: FileId, text: &str, expr: &Expression) -> Option<(String, Span)> {
    match expr.without_parentheses() {
        Expression::StringLiteral(s) => {
            let (start, end) = (s.span.start + 1, s.span.end.saturating_sub(1));
            Some((text.get(start as usize..end as usize)?.to_owned(), Span::new(file, start, end)))
        }
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            let quasi = t.quasis.first()?;
            Some((quasi.value.raw.to_string(), Span::new(file, quasi.span.start, quasi.span.end)))
        }
        _ => None,
    }
}

/// The path of a same-origin URL as segments. `None` for absolute URLs and anything that is not
/// a literal, a template literal or a `+` concatenation starting with a literal.
fn url(file: FileId, expr: &Expression, consts: &UrlConsts) -> Option<(Vec<UrlSegment>, Span)> {
    // Flatten into pieces: literal text, or a dynamic part.
    let mut pieces: Vec<Option<String>> = Vec::new();
    match expr.without_parentheses() {
        // `const url = `${base}/functions/v1/send`; fetch(url)`
        Expression::Identifier(id) => pieces = consts.get(id.name.as_str())?.clone()?,
        _ => collect(expr, &mut pieces)?,
    }
    let span = Span::new(file, expr.span().start, expr.span().end);
    Some((segments(&pieces)?, span))
}

/// Literal pieces and dynamic parts (`None`) joined into path segments; `None` unless the path
/// is same-origin (starts with one `/`).
fn segments(pieces: &[Option<String>]) -> Option<Vec<UrlSegment>> {
    let mut path = String::new();
    for piece in pieces {
        match piece {
            Some(text) => path.push_str(text),
            None => path.push('\u{0}'),
        }
    }
    if path.starts_with("//") || !(path.starts_with('/') || path.starts_with('\u{0}')) {
        return None;
    }
    // `${SUPABASE_URL}/functions/v1/name`: the project's Edge Functions, wherever they are hosted.
    if path.starts_with('\u{0}') {
        path = path.find("/functions/v1/").map(|at| path[at..].to_owned())?;
    }
    let mut path = path.split(['?', '#']).next().unwrap_or_default();
    // A dynamic part glued to the end of the last literal segment is the query string
    // (`'/api/products' + (cursor ? `?cursor=${cursor}` : '')`, `/api/products${query}`):
    // route segments are whole (`[id]`), so a path does not continue that way.
    if let Some(stem) = path.strip_suffix('\u{0}') {
        let last = stem.rsplit('/').next().unwrap_or_default();
        if !last.is_empty() && !last.contains('\u{0}') {
            path = stem;
        }
    }
    let segments: Vec<UrlSegment> = path
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| if s.contains('\u{0}') { UrlSegment::Dynamic } else { UrlSegment::Literal(s.to_owned()) })
        .collect();
    // An Edge Function named by a variable (`functions.invoke(name)`) is any of them: the call
    // is not recorded rather than bound to one by guess.
    let function_name_is_dynamic = matches!(
        segments.as_slice(),
        [UrlSegment::Literal(f), UrlSegment::Literal(v), UrlSegment::Dynamic, ..] if f == "functions" && v == "v1"
    );
    (!function_name_is_dynamic).then_some(segments)
}

/// The URL pieces of `const` names bound once in the file to a string or template; `None` for a
/// name bound twice, which is not guessed.
pub type UrlConsts = std::collections::HashMap<String, Option<Vec<Option<String>>>>;

/// Remembers `const name = <string or template>` for [`http_call`]'s URLs; a second
/// declaration of the name forgets it.
pub fn remember_url_const(consts: &mut UrlConsts, name: &str, init: &Expression) {
    if !matches!(
        init.without_parentheses(),
        Expression::StringLiteral(_) | Expression::TemplateLiteral(_) | Expression::BinaryExpression(_)
    ) {
        return;
    }
    let mut pieces = Vec::new();
    let pieces = collect(init, &mut pieces).map(|()| pieces).filter(|p| p.iter().flatten().any(|t| t.contains('/')));
    let Some(pieces) = pieces else { return };
    consts.entry(name.to_owned()).and_modify(|known| *known = None).or_insert(Some(pieces));
}

fn collect(expr: &Expression, pieces: &mut Vec<Option<String>>) -> Option<()> {
    match expr.without_parentheses() {
        Expression::StringLiteral(s) => pieces.push(Some(s.value.to_string())),
        Expression::TemplateLiteral(t) => {
            for (i, quasi) in t.quasis.iter().enumerate() {
                pieces.push(Some(quasi.value.raw.to_string()));
                if i < t.expressions.len() {
                    pieces.push(None);
                }
            }
        }
        Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
            collect(&b.left, pieces)?;
            if collect(&b.right, pieces).is_none() {
                pieces.push(None);
            }
        }
        _ if !pieces.is_empty() => pieces.push(None),
        _ => return None,
    }
    Some(())
}
