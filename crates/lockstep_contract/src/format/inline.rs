//! One-line renderings of values, types, expressions and shapes: the pieces the formatter
//! lays out.

use std::fmt::Write;

use crate::syntax::ast::{
    Arg, Attr, Expr, Name, PathPattern, PathSegment, Shape, ShapeField, ShapeKind, TypeRef, Value,
};

/// Renders the source text a node came from; literals keep their spelling (escapes, units).
pub(super) fn source(text: &str, span: lockstep_diagnostics::Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// A name as an identifier when it is one, otherwise as a quoted string.
pub(super) fn name_or_string(name: &Name) -> String {
    super::name_or_string(&name.text)
}

pub(super) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn value(text: &str, v: &Value) -> String {
    match v {
        Value::String { span, .. } | Value::Number { span, .. } | Value::Raw { span, .. } => {
            source(text, *span).to_owned()
        }
        Value::Bool { value, .. } => value.to_string(),
        Value::Null { .. } => "null".to_owned(),
        Value::Ident(name) => name.text.clone(),
        Value::Call { name, args: call_args, .. } => format!("{}{}", name.text, args(text, call_args)),
        Value::List { items, .. } => {
            let items: Vec<String> = items.iter().map(|item| value(text, item)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

pub(super) fn args(text: &str, args: &[Arg]) -> String {
    let parts: Vec<String> = args
        .iter()
        .map(|arg| match &arg.key {
            Some(key) => format!("{}: {}", key.text, value(text, &arg.value)),
            None => value(text, &arg.value),
        })
        .collect();
    format!("({})", parts.join(", "))
}

pub(super) fn attr(text: &str, attr: &Attr, prefix: &str) -> String {
    match &attr.args {
        Some(list) => format!("{prefix}{}{}", attr.name.text, args(text, list)),
        None => format!("{prefix}{}", attr.name.text),
    }
}

pub(super) fn type_ref(ty: &TypeRef) -> String {
    let mut out = ty.name.text.clone();
    if !ty.args.is_empty() {
        let args: Vec<String> = ty.args.iter().map(|(n, _)| n.to_string()).collect();
        let _ = write!(out, "({})", args.join(", "));
    }
    for _ in 0..ty.array_depth {
        out.push_str("[]");
    }
    out
}

pub(super) fn expr(text: &str, e: &Expr) -> String {
    match e {
        Expr::Or(a, b) => format!("{} or {}", expr(text, a), expr(text, b)),
        Expr::And(a, b) => format!("{} and {}", expr(text, a), expr(text, b)),
        Expr::Not(inner, _) => format!("not {}", expr(text, inner)),
        Expr::Compare { lhs, negated, rhs } => {
            format!("{} {} {}", expr(text, lhs), if *negated { "!=" } else { "==" }, expr(text, rhs))
        }
        Expr::In { lhs, rhs } => format!("{} in {}", expr(text, lhs), expr(text, rhs)),
        Expr::Path(parts) => parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("."),
        Expr::Literal(v) => value(text, v),
        Expr::List(items, _) => {
            let items: Vec<String> = items.iter().map(|item| expr(text, item)).collect();
            format!("[{}]", items.join(", "))
        }
        Expr::Group(inner, _) => format!("({})", expr(text, inner)),
    }
}

pub(super) fn path(path: &PathPattern) -> String {
    if path.segments.is_empty() {
        return "/".to_owned();
    }
    let mut out = String::new();
    for segment in &path.segments {
        out.push('/');
        match segment {
            PathSegment::Literal(name) => out.push_str(&name.text),
            PathSegment::Param { name, ty: Some(ty) } => {
                let _ = write!(out, "{{{}: {}}}", name.text, type_ref(ty));
            }
            PathSegment::Param { name, ty: None } => {
                let _ = write!(out, "{{{}}}", name.text);
            }
        }
    }
    out
}

pub(super) fn shape(text: &str, s: &Shape) -> String {
    match &s.kind {
        ShapeKind::Object(fields) => object(text, fields),
        ShapeKind::Named(ty) => type_ref(ty),
        ShapeKind::Select { omit, base, fields } => {
            let names: Vec<&str> = fields.iter().map(|f| f.text.as_str()).collect();
            format!("{}<{}, {}>", if *omit { "Omit" } else { "Pick" }, base.text, names.join(" | "))
        }
        ShapeKind::Array(inner) => format!("{}[]", shape(text, inner)),
        ShapeKind::Nullable(inner) => format!("{}?", shape(text, inner)),
    }
}

pub(super) fn object(text: &str, fields: &[ShapeField]) -> String {
    if fields.is_empty() {
        return "{}".to_owned();
    }
    let fields: Vec<String> = fields.iter().map(|f| shape_field(text, f)).collect();
    format!("{{ {} }}", fields.join(", "))
}

pub(super) fn shape_field(text: &str, field: &ShapeField) -> String {
    let mut out = name_or_string(&field.name);
    if field.optional {
        out.push('?');
    }
    out.push_str(": ");
    out.push_str(&shape(text, &field.shape));
    if let Some(default) = &field.default {
        out.push_str(" = ");
        out.push_str(&value(text, default));
    }
    out
}
