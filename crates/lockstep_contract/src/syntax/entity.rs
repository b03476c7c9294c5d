//! Grammar of entities: fields, attributes, values, foreign keys and row access rules.

use super::ast::{Arg, Attr, EntityDecl, Expr, Field, Member, MemberKind, Policy, Reference, TypeRef, Value};
use super::lexer::TokenKind;
use super::parser::{Parser, fitted};
use crate::diagnostics as diag;

pub const POLICY_OPERATIONS: [&str; 5] = ["select", "insert", "update", "delete", "all"];
const ON_DELETE_ACTIONS: [&str; 5] = ["cascade", "restrict", "set null", "set default", "no action"];

impl Parser<'_> {
    pub(super) fn entity_decl(&mut self) -> Option<EntityDecl> {
        let name = self.expect_name("an entity name")?;
        let mut attrs = Vec::new();
        while self.at(TokenKind::At) {
            attrs.push(self.attr()?);
        }
        let members = self.block(Parser::entity_member)?;
        Some(EntityDecl { name, attrs: fitted(attrs), members })
    }

    fn entity_member(&mut self) -> Option<Member> {
        let docs = self.take_docs();
        let start = self.peek().start;
        let kind = if self.at(TokenKind::AtAt) {
            MemberKind::BlockAttr(self.attr()?)
        } else if self.at_keyword("allow") && self.nth(1).kind == TokenKind::Ident {
            self.bump();
            MemberKind::Policy(self.policy()?)
        } else {
            MemberKind::Field(self.field()?)
        };
        Some(Member { docs, span: self.span_from(start), kind })
    }

    fn field(&mut self) -> Option<Field> {
        let name = self.expect_name("a field name, `@@` or `allow`")?;
        if !self.on_same_line() {
            self.report(diag::missing_type(name.span, &name.text));
            return None;
        }
        let ty = self.type_ref()?;
        let nullable = self.eat(TokenKind::Question).is_some();
        let mut field = Field { name, ty, nullable, default: None, attrs: Vec::new(), reference: None };
        while self.on_same_line() && !self.at(TokenKind::RBrace) {
            match self.peek().kind {
                TokenKind::Eq => {
                    self.bump();
                    field.default = Some(self.value()?);
                }
                TokenKind::At => field.attrs.push(self.attr()?),
                TokenKind::Arrow => field.reference = Some(self.reference()?),
                _ => {
                    let token = self.peek();
                    self.report(diag::expected(
                        self.span(token),
                        "`@attribute`, `= default` or `-> Entity.field`",
                        &self.describe(token),
                    ));
                    return None;
                }
            }
        }
        field.attrs.shrink_to_fit();
        Some(field)
    }

    /// `name`, `name(1, 2)`, each optionally followed by `[]`s.
    pub(super) fn type_ref(&mut self) -> Option<TypeRef> {
        let name = self.expect_name("a type")?;
        let start = name.span.start;
        let mut args = Vec::new();
        if self.at(TokenKind::LParen) && self.on_same_line() {
            self.bump();
            loop {
                let token = self.expect(TokenKind::Number, "a number")?;
                let span = self.span(token);
                let Ok(value) = self.token_text(token).parse::<u32>() else {
                    self.report(diag::expected(span, "a whole number", &self.describe(token)));
                    return None;
                };
                args.push((value, span));
                if self.eat(TokenKind::Comma).is_none() {
                    break;
                }
            }
            self.expect(TokenKind::RParen, "`)`")?;
        }
        let mut array_depth = 0u8;
        while self.at(TokenKind::LBracket) && self.nth(1).kind == TokenKind::RBracket {
            self.bump();
            self.bump();
            array_depth = array_depth.saturating_add(1);
        }
        Some(TypeRef { span: self.span_from(start), name, args: fitted(args), array_depth })
    }

    /// `@name` or `@name(args)`, and `@@name(args)`.
    pub(super) fn attr(&mut self) -> Option<Attr> {
        let at = self.bump();
        let name = self.expect_name("an attribute name")?;
        let args = if self.at(TokenKind::LParen) && self.on_same_line() { Some(self.args()?) } else { None };
        Some(Attr { span: self.span_from(at.start), name, args })
    }

    /// Attributes up to the end of the line.
    pub(super) fn trailing_attrs(&mut self) -> Option<Vec<Attr>> {
        let mut attrs = Vec::new();
        while self.on_same_line() && !self.at(TokenKind::RBrace) {
            if !self.at(TokenKind::At) {
                let token = self.peek();
                self.report(diag::expected(self.span(token), "`@attribute` or a line break", &self.describe(token)));
                return None;
            }
            attrs.push(self.attr()?);
        }
        Some(fitted(attrs))
    }

    /// `( [key:] value, ... )`
    pub(super) fn args(&mut self) -> Option<Vec<Arg>> {
        self.expect(TokenKind::LParen, "`(`")?;
        let mut args = Vec::new();
        while !self.at(TokenKind::RParen) {
            let key = if self.at(TokenKind::Ident) && self.nth(1).kind == TokenKind::Colon {
                let token = self.bump();
                self.bump();
                Some(self.name(token))
            } else {
                None
            };
            args.push(Arg { key, value: self.value()? });
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect(TokenKind::RParen, "`)` or `,`")?;
        Some(fitted(args))
    }

    pub(super) fn value(&mut self) -> Option<Value> {
        let token = self.peek();
        let span = self.span(token);
        let value = match token.kind {
            TokenKind::String { .. } => Value::String { value: self.string_value()?, span },
            TokenKind::Number => {
                self.bump();
                Value::Number { text: self.token_text(token).to_owned(), span }
            }
            TokenKind::RawSql { terminated } => {
                self.bump();
                if !terminated {
                    self.report(diag::unterminated(span, "raw SQL", '`'));
                    return None;
                }
                let text = self.token_text(token);
                Value::Raw { sql: text[1..text.len() - 1].to_owned(), span }
            }
            TokenKind::Ident => {
                self.bump();
                match self.token_text(token) {
                    "true" => Value::Bool { value: true, span },
                    "false" => Value::Bool { value: false, span },
                    "null" => Value::Null { span },
                    _ if self.at(TokenKind::LParen) && self.on_same_line() => {
                        if !self.enter() {
                            return None;
                        }
                        let args = self.args();
                        self.leave();
                        Value::Call { name: self.name(token), args: args?, span: self.span_from(token.start) }
                    }
                    _ => Value::Ident(self.name(token)),
                }
            }
            TokenKind::LBracket => {
                self.bump();
                if !self.enter() {
                    return None;
                }
                let items = self.value_list();
                self.leave();
                Value::List { items: items?, span: self.span_from(token.start) }
            }
            _ => {
                self.report(diag::expected(span, "a value", &self.describe(token)));
                return None;
            }
        };
        Some(value)
    }

    fn value_list(&mut self) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        while !self.at(TokenKind::RBracket) {
            items.push(self.value()?);
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect(TokenKind::RBracket, "`]` or `,`")?;
        Some(items)
    }

    /// Consumes a string token and returns its value with escapes resolved.
    pub(super) fn string_value(&mut self) -> Option<String> {
        let token = self.bump();
        let span = self.span(token);
        let TokenKind::String { terminated } = token.kind else {
            self.report(diag::expected(span, "a string", &self.describe(token)));
            return None;
        };
        if !terminated {
            self.report(diag::unterminated(span, "string", '"'));
            return None;
        }
        let raw = self.token_text(token);
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw[1..raw.len() - 1].chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                value.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some(c @ ('"' | '\\')) => value.push(c),
                other => {
                    let shown = other.map_or(String::new(), String::from);
                    self.report(diag::invalid_escape(span, &shown));
                    return None;
                }
            }
        }
        Some(value)
    }

    fn reference(&mut self) -> Option<Reference> {
        let arrow = self.bump();
        let mut path = vec![self.expect_name("the referenced entity")?];
        self.expect(TokenKind::Dot, "`.` and the referenced field")?;
        path.push(self.expect_name("the referenced field")?);
        while self.eat(TokenKind::Dot).is_some() {
            path.push(self.expect_name("the referenced field")?);
        }
        let mut on_delete = None;
        if self.on_same_line() && self.eat_keyword("on").is_some() {
            self.expect(TokenKind::Ident, "`delete`").filter(|t| self.token_text(*t) == "delete").or_else(|| {
                let token = self.peek();
                self.report(diag::expected(self.span(token), "`delete`", &self.describe(token)));
                None
            })?;
            let first = self.expect(TokenKind::Ident, "an action such as `cascade`")?;
            let mut action = self.token_text(first).to_owned();
            if (action == "set" || action == "no") && self.at(TokenKind::Ident) {
                let second = self.bump();
                action = format!("{action} {}", self.token_text(second));
            }
            let span = self.span_from(first.start);
            if !ON_DELETE_ACTIONS.contains(&action.as_str()) {
                self.report(diag::invalid_on_delete(span, &action, &ON_DELETE_ACTIONS));
                return None;
            }
            on_delete = Some((action, span));
        }
        Some(Reference { span: self.span_from(arrow.start), path: fitted(path), on_delete })
    }

    fn policy(&mut self) -> Option<Policy> {
        let mut operations = vec![self.expect_name("an operation")?];
        while self.eat(TokenKind::Comma).is_some() {
            operations.push(self.expect_name("an operation")?);
        }
        let mut roles = Vec::new();
        if self.eat_keyword("to").is_some() {
            roles.push(self.expect_name("a role")?);
            while self.eat(TokenKind::Comma).is_some() {
                roles.push(self.expect_name("a role")?);
            }
        }
        let using = if self.eat_keyword("when").is_some() { Some(self.expr()?) } else { None };
        let check = if self.eat_keyword("check").is_some() { Some(self.expr()?) } else { None };
        Some(Policy { operations: fitted(operations), roles: fitted(roles), using, check })
    }

    pub(super) fn expr(&mut self) -> Option<Expr> {
        if !self.enter() {
            return None;
        }
        let expr = self.or_expr();
        self.leave();
        expr
    }

    fn or_expr(&mut self) -> Option<Expr> {
        let mut lhs = self.and_expr()?;
        while self.eat_keyword("or").is_some() {
            lhs = Expr::Or(Box::new(lhs), Box::new(self.and_expr()?));
        }
        Some(lhs)
    }

    fn and_expr(&mut self) -> Option<Expr> {
        let mut lhs = self.not_expr()?;
        while self.eat_keyword("and").is_some() {
            lhs = Expr::And(Box::new(lhs), Box::new(self.not_expr()?));
        }
        Some(lhs)
    }

    fn not_expr(&mut self) -> Option<Expr> {
        if let Some(not) = self.eat_keyword("not") {
            if !self.enter() {
                return None;
            }
            let inner = self.not_expr();
            self.leave();
            return Some(Expr::Not(Box::new(inner?), self.span_from(not.start)));
        }
        self.compare_expr()
    }

    fn compare_expr(&mut self) -> Option<Expr> {
        let lhs = self.operand()?;
        if let Some(op) = self.eat(TokenKind::EqEq).or_else(|| self.eat(TokenKind::NotEq)) {
            let rhs = self.operand()?;
            return Some(Expr::Compare {
                lhs: Box::new(lhs),
                negated: op.kind == TokenKind::NotEq,
                rhs: Box::new(rhs),
            });
        }
        if self.eat_keyword("in").is_some() {
            return Some(Expr::In { lhs: Box::new(lhs), rhs: Box::new(self.operand()?) });
        }
        Some(lhs)
    }

    fn operand(&mut self) -> Option<Expr> {
        let token = self.peek();
        match token.kind {
            TokenKind::LParen => {
                self.bump();
                let inner = self.expr()?;
                self.expect(TokenKind::RParen, "`)`")?;
                Some(Expr::Group(Box::new(inner), self.span_from(token.start)))
            }
            TokenKind::LBracket => {
                self.bump();
                let mut items = Vec::new();
                while !self.at(TokenKind::RBracket) {
                    items.push(self.expr()?);
                    if self.eat(TokenKind::Comma).is_none() {
                        break;
                    }
                }
                self.expect(TokenKind::RBracket, "`]` or `,`")?;
                Some(Expr::List(fitted(items), self.span_from(token.start)))
            }
            TokenKind::Ident if !matches!(self.token_text(token), "true" | "false" | "null") => {
                let mut path = vec![self.expect_name("a field")?];
                while self.eat(TokenKind::Dot).is_some() {
                    path.push(self.expect_name("a property name")?);
                }
                Some(Expr::Path(fitted(path)))
            }
            _ => Some(Expr::Literal(self.value()?)),
        }
    }
}
