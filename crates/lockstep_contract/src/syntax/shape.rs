//! Grammar of API shapes (`{ data: Customer[], next?: text }`, `Pick<...>`) and HTTP paths.

use lockstep_diagnostics::Span;

use super::ast::{Name, PathPattern, PathSegment, Shape, ShapeField, ShapeKind, TypeRef};
use super::lexer::TokenKind;
use super::parser::Parser;
use crate::diagnostics as diag;

impl Parser<'_> {
    /// `primary ([] | ?)*`
    pub(super) fn shape(&mut self) -> Option<Shape> {
        if !self.enter() {
            return None;
        }
        let shape = self.shape_inner();
        self.leave();
        shape
    }

    fn shape_inner(&mut self) -> Option<Shape> {
        let start = self.peek().start;
        let mut shape = match self.peek().kind {
            TokenKind::LBrace => self.object_shape()?,
            TokenKind::Ident
                if matches!(self.token_text(self.peek()), "Pick" | "Omit") && self.nth(1).kind == TokenKind::Lt =>
            {
                self.select_shape()?
            }
            TokenKind::Ident => {
                let mut ty = self.type_ref()?;
                let depth = std::mem::take(&mut ty.array_depth);
                let mut shape = Shape { span: ty.span, kind: ShapeKind::Named(ty) };
                for _ in 0..depth {
                    shape = Shape { span: shape.span, kind: ShapeKind::Array(Box::new(shape)) };
                }
                shape
            }
            _ => {
                let token = self.peek();
                self.report(diag::expected(self.span(token), "a type or `{`", &self.describe(token)));
                return None;
            }
        };
        loop {
            if self.at(TokenKind::LBracket) && self.nth(1).kind == TokenKind::RBracket {
                self.bump();
                self.bump();
                shape = Shape { span: self.span_from(start), kind: ShapeKind::Array(Box::new(shape)) };
            } else if self.at(TokenKind::Question) {
                self.bump();
                shape = Shape { span: self.span_from(start), kind: ShapeKind::Nullable(Box::new(shape)) };
            } else {
                return Some(shape);
            }
        }
    }

    /// `{ name?: shape = default, ... }`, fields separated by commas or line breaks.
    pub(super) fn object_shape(&mut self) -> Option<Shape> {
        let (fields, span) = self.field_block()?;
        Some(Shape { span, kind: ShapeKind::Object(fields) })
    }

    pub(super) fn field_block(&mut self) -> Option<(Vec<ShapeField>, Span)> {
        let start = self.peek().start;
        let fields = self.block(|p| {
            let docs = p.take_docs();
            let start = p.peek().start;
            let name = p.name_or_string("a field name")?;
            let optional = p.eat(TokenKind::Question).is_some();
            p.expect(TokenKind::Colon, "`:` and a type")?;
            let shape = p.shape()?;
            let default = if p.eat(TokenKind::Eq).is_some() { Some(p.value()?) } else { None };
            let span = p.span_from(start);
            if p.eat(TokenKind::Comma).is_none() && p.on_same_line() && !p.at(TokenKind::RBrace) {
                let token = p.peek();
                p.report(diag::expected(p.span(token), "`,`, a line break or `}`", &p.describe(token)));
                return None;
            }
            Some(ShapeField { docs, span, name, optional, shape, default })
        })?;
        Some((fields, self.span_from(start)))
    }

    /// `Pick<Entity, a | b>` or `Omit<Entity, a | b>`
    fn select_shape(&mut self) -> Option<Shape> {
        let keyword = self.bump();
        let omit = self.token_text(keyword) == "Omit";
        self.expect(TokenKind::Lt, "`<`")?;
        let base = self.expect_name("an entity or type name")?;
        self.expect(TokenKind::Comma, "`,` and the field names")?;
        let mut fields = vec![self.expect_name("a field name")?];
        while self.eat(TokenKind::Pipe).is_some() {
            fields.push(self.expect_name("a field name")?);
        }
        self.expect(TokenKind::Gt, "`>` or `|`")?;
        Some(Shape { span: self.span_from(keyword.start), kind: ShapeKind::Select { omit, base, fields } })
    }

    /// Splits a path token into literal segments and `{name: type}` parameters.
    pub(super) fn path_pattern(&mut self) -> Option<PathPattern> {
        let token = self.peek();
        if token.kind != TokenKind::Path {
            self.report(diag::expected(self.span(token), "a path starting with `/`", &self.describe(token)));
            return None;
        }
        self.bump();
        let text = self.token_text(token);
        let mut segments = Vec::new();
        let mut offset = token.start + 1;
        let body = &text[1..];
        if body.is_empty() {
            return Some(PathPattern { span: self.span(token), segments });
        }
        for raw in body.split('/') {
            let span = Span::new(self.file, offset, offset + raw.len() as u32);
            offset += raw.len() as u32 + 1;
            segments.push(self.path_segment(raw, span)?);
        }
        Some(PathPattern { span: self.span(token), segments })
    }

    fn path_segment(&mut self, raw: &str, span: Span) -> Option<PathSegment> {
        let is_literal_char = |c: char| c.is_ascii_alphanumeric() || "-._~:@*$".contains(c);
        if let Some(inner) = raw.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            let (name_text, ty_text) = match inner.split_once(':') {
                Some((name, ty)) => (name.trim(), Some(ty.trim())),
                None => (inner.trim(), None),
            };
            let name_start = span.start + 1 + (inner.len() - inner.trim_start().len()) as u32;
            let name_span = Span::new(self.file, name_start, name_start + name_text.len() as u32);
            if !is_identifier(name_text) {
                self.report(diag::invalid_path(name_span, "a path parameter needs a name such as `{id}`"));
                return None;
            }
            let ty = match ty_text {
                Some(ty) if is_identifier(ty) => {
                    let ty_start = span.start + raw.rfind(ty).unwrap_or(0) as u32;
                    let ty_span = Span::new(self.file, ty_start, ty_start + ty.len() as u32);
                    Some(TypeRef {
                        span: ty_span,
                        name: Name { text: ty.to_owned(), span: ty_span },
                        args: Vec::new(),
                        array_depth: 0,
                    })
                }
                Some(_) => {
                    self.report(diag::invalid_path(span, "a path parameter's type is one name, as in `{id: uuid}`"));
                    return None;
                }
                None => None,
            };
            return Some(PathSegment::Param { name: Name { text: name_text.to_owned(), span: name_span }, ty });
        }
        if raw.is_empty() {
            self.report(diag::invalid_path(span, "empty path segment: remove the doubled or trailing `/`"));
            return None;
        }
        if !raw.chars().all(is_literal_char) {
            self.report(diag::invalid_path(
                span,
                "a segment is literal text or one `{param}`; write `/{id}`, not `/x{id}`",
            ));
            return None;
        }
        Some(PathSegment::Literal(Name { text: raw.to_owned(), span }))
    }
}

pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
