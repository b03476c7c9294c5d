//! Grammar of the top-level items other than entities: naming, enum, type, endpoint, env,
//! webhook, bucket and function.

use lockstep_diagnostics::did_you_mean;

use super::ast::{
    BucketDecl, BucketMember, BucketMemberKind, Docs, EndpointDecl, EndpointMember, EndpointMemberKind, EnumDecl,
    EnumValue, EnvMember, EnvMemberKind, FunctionDecl, FunctionMember, FunctionMemberKind, Item, ItemKind, Name,
    NamingRule, TypeDecl, WebhookDecl, WebhookMember, WebhookMemberKind,
};
use super::lexer::TokenKind;
use super::parser::Parser;
use crate::diagnostics as diag;

const ENDPOINT_MEMBERS: [&str; 4] = ["auth", "query", "headers", "body"];
const WEBHOOK_MEMBERS: [&str; 3] = ["signature", "idempotency", "body"];
const BUCKET_MEMBERS: [&str; 4] = ["public", "private", "maxSize", "mimeTypes"];
const FUNCTION_MEMBERS: [&str; 2] = ["args", "returns"];

impl Parser<'_> {
    pub(super) fn parse_item(&mut self, keyword: &str, docs: Docs) -> Option<Item> {
        let start = docs.start().unwrap_or(self.peek().start);
        self.bump();
        let kind = match keyword {
            "naming" => ItemKind::Naming(self.block(Parser::naming_rule)?),
            "enum" => ItemKind::Enum(self.enum_decl()?),
            "entity" => ItemKind::Entity(self.entity_decl()?),
            "type" => ItemKind::Type(self.type_decl()?),
            "endpoint" => ItemKind::Endpoint(self.endpoint_decl()?),
            "env" => ItemKind::Env(self.block(Parser::env_member)?),
            "webhook" => ItemKind::Webhook(self.webhook_decl()?),
            "bucket" => ItemKind::Bucket(self.bucket_decl()?),
            "function" => ItemKind::Function(self.function_decl()?),
            _ => unreachable!("caller checks the keyword"),
        };
        Some(Item { docs, span: self.span_from(start), kind })
    }

    fn naming_rule(&mut self) -> Option<NamingRule> {
        self.release_docs();
        let key = self.expect_name("a naming key (`db`, `api` or `table`)")?;
        self.expect(TokenKind::Eq, "`=`")?;
        let value = self.expect_name("a naming style such as `snake_case`")?;
        Some(NamingRule { span: key.span.cover(value.span), key, value })
    }

    fn enum_decl(&mut self) -> Option<EnumDecl> {
        let name = self.expect_name("an enum name")?;
        let mut attrs = Vec::new();
        while self.at(TokenKind::At) {
            attrs.push(self.attr()?);
        }
        let values = self.block(|p| {
            let docs = p.take_docs();
            let name = p.name_or_string("an enum value")?;
            let mut attrs = Vec::new();
            while p.at(TokenKind::At) && p.on_same_line() {
                attrs.push(p.attr()?);
            }
            p.eat(TokenKind::Comma);
            Some(EnumValue { docs, name, attrs })
        })?;
        Some(EnumDecl { name, attrs, values })
    }

    /// An identifier, or a quoted string for names that are not identifiers (`"in-progress"`).
    pub(super) fn name_or_string(&mut self, expected: &str) -> Option<Name> {
        let token = self.peek();
        match token.kind {
            TokenKind::Ident => {
                self.bump();
                Some(self.name(token))
            }
            TokenKind::String { .. } => {
                let value = self.string_value()?;
                Some(Name { text: value, span: self.span(token) })
            }
            _ => {
                self.report(diag::expected(self.span(token), expected, &self.describe(token)));
                None
            }
        }
    }

    fn type_decl(&mut self) -> Option<TypeDecl> {
        let name = self.expect_name("a type name")?;
        let shape = if self.eat(TokenKind::Eq).is_some() {
            self.shape()?
        } else if self.at(TokenKind::LBrace) {
            self.object_shape()?
        } else {
            let token = self.peek();
            self.report(diag::expected(self.span(token), "`{` or `=`", &self.describe(token)));
            return None;
        };
        Some(TypeDecl { name, shape })
    }

    fn endpoint_decl(&mut self) -> Option<EndpointDecl> {
        let method = self.expect_name("an HTTP method such as `GET`")?;
        let path = self.path_pattern()?;
        let members = self.block(Parser::endpoint_member)?;
        Some(EndpointDecl { method, path, members })
    }

    fn endpoint_member(&mut self) -> Option<EndpointMember> {
        let docs = self.take_docs();
        let token = self.peek();
        let start = token.start;
        let kind = if token.kind == TokenKind::Number {
            self.bump();
            let status = self.status_code(token)?;
            let shape = if self.on_same_line() && !self.at(TokenKind::RBrace) { Some(self.shape()?) } else { None };
            EndpointMemberKind::Response { status, shape }
        } else if self.eat_keyword("auth").is_some() {
            EndpointMemberKind::Auth(self.expect_name("`required`, `optional` or `none`")?)
        } else if self.eat_keyword("query").is_some() {
            let (fields, span) = self.field_block()?;
            EndpointMemberKind::Query(fields, span)
        } else if self.eat_keyword("headers").is_some() {
            let (fields, span) = self.field_block()?;
            EndpointMemberKind::Headers(fields, span)
        } else if self.eat_keyword("body").is_some() {
            EndpointMemberKind::Body(self.shape()?)
        } else {
            self.unexpected_member(ENDPOINT_MEMBERS, "a status code, `auth`, `query`, `headers` or `body`");
            return None;
        };
        Some(EndpointMember { docs, span: self.span_from(start), kind })
    }

    pub(super) fn status_code(&mut self, token: super::lexer::Token) -> Option<(u16, lockstep_diagnostics::Span)> {
        let span = self.span(token);
        match self.token_text(token).parse::<u16>() {
            Ok(code) if (100..=599).contains(&code) => Some((code, span)),
            _ => {
                self.report(diag::invalid_status(span, self.token_text(token)));
                None
            }
        }
    }

    /// Reports an unknown member keyword, suggesting the closest known one.
    pub(super) fn unexpected_member<const N: usize>(&mut self, known: [&str; N], expected: &str) {
        let token = self.peek();
        let suggestion =
            (token.kind == TokenKind::Ident).then(|| did_you_mean(self.token_text(token), known)).flatten();
        self.report(diag::unexpected_member(self.span(token), &self.describe(token), expected, suggestion));
    }

    fn env_member(&mut self) -> Option<EnvMember> {
        let docs = self.take_docs();
        let start = self.peek().start;
        let kind = if self.eat_keyword("environments").is_some() {
            let mut names = Vec::new();
            while self.on_same_line() && !self.at(TokenKind::RBrace) {
                names.push(self.expect_name("an environment name")?);
                self.eat(TokenKind::Comma);
            }
            EnvMemberKind::Environments(names)
        } else {
            let name = self.expect_name("an environment variable name or `environments`")?;
            if !self.on_same_line() {
                self.report(diag::missing_type(name.span, &name.text));
                return None;
            }
            let ty = self.expect_name("a type such as `text` or `url`")?;
            let visibility = (self.on_same_line() && self.at(TokenKind::Ident)).then(|| {
                let token = self.bump();
                self.name(token)
            });
            let attrs = self.trailing_attrs()?;
            EnvMemberKind::Var { name, ty, visibility, attrs }
        };
        Some(EnvMember { docs, span: self.span_from(start), kind })
    }

    fn webhook_decl(&mut self) -> Option<WebhookDecl> {
        let method = if self.at(TokenKind::Ident) { self.expect_name("an HTTP method") } else { None };
        let path = self.path_pattern()?;
        let members = self.block(|p| {
            let docs = p.take_docs();
            let start = p.peek().start;
            let kind = if p.eat_keyword("signature").is_some() {
                let scheme = p.expect_name("a signature scheme such as `stripe`")?;
                let args = if p.at(TokenKind::LParen) { p.args()? } else { Vec::new() };
                WebhookMemberKind::Signature { scheme, args }
            } else if p.eat_keyword("idempotency").is_some() {
                let mut path = vec![p.expect_name("the idempotency key, such as `event.id`")?];
                while p.eat(TokenKind::Dot).is_some() {
                    path.push(p.expect_name("a property name")?);
                }
                WebhookMemberKind::Idempotency(path)
            } else if p.eat_keyword("body").is_some() {
                WebhookMemberKind::Body(p.shape()?)
            } else {
                p.unexpected_member(WEBHOOK_MEMBERS, "`signature`, `idempotency` or `body`");
                return None;
            };
            Some(WebhookMember { docs, span: p.span_from(start), kind })
        })?;
        Some(WebhookDecl { method, path, members })
    }

    fn bucket_decl(&mut self) -> Option<BucketDecl> {
        let name = self.name_or_string("a bucket name")?;
        let members = self.block(|p| {
            let docs = p.take_docs();
            let start = p.peek().start;
            let kind = if p.at_keyword("public") || p.at_keyword("private") {
                let token = p.bump();
                BucketMemberKind::Access(p.name(token))
            } else if p.eat_keyword("maxSize").is_some() {
                BucketMemberKind::MaxSize(p.value()?)
            } else if p.eat_keyword("mimeTypes").is_some() {
                let list_start = p.peek().start;
                let super::ast::Value::List { items, .. } = p.value()? else {
                    let span = p.span_from(list_start);
                    p.report(diag::expected(span, "a list such as `[\"image/png\"]`", "another value"));
                    return None;
                };
                BucketMemberKind::MimeTypes(items, p.span_from(list_start))
            } else {
                p.unexpected_member(BUCKET_MEMBERS, "`public`, `private`, `maxSize` or `mimeTypes`");
                return None;
            };
            Some(BucketMember { docs, span: p.span_from(start), kind })
        })?;
        Some(BucketDecl { name, members })
    }

    fn function_decl(&mut self) -> Option<FunctionDecl> {
        let name = self.expect_name("a function name")?;
        let members = self.block(|p| {
            let docs = p.take_docs();
            let start = p.peek().start;
            let kind = if p.eat_keyword("args").is_some() {
                let (fields, span) = p.field_block()?;
                FunctionMemberKind::Args(fields, span)
            } else if p.eat_keyword("returns").is_some() {
                FunctionMemberKind::Returns(p.shape()?)
            } else {
                p.unexpected_member(FUNCTION_MEMBERS, "`args` or `returns`");
                return None;
            };
            Some(FunctionMember { docs, span: p.span_from(start), kind })
        })?;
        Some(FunctionDecl { name, members })
    }
}
