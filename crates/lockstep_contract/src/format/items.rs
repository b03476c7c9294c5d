//! Layout of each item kind: headers, aligned columns, and when a block fits on one line.

use std::fmt::Write;

use lockstep_diagnostics::Span;

use super::inline;
use super::{Node, Printer, WIDTH};
use crate::syntax::ast::{
    BucketMember, BucketMemberKind, Docs, EndpointMember, EndpointMemberKind, EnumValue, EnvMember, EnvMemberKind,
    Field, FunctionMember, FunctionMemberKind, Item, ItemKind, Member, MemberKind, NamingRule, Policy, Shape,
    ShapeField, ShapeKind, WebhookMember, WebhookMemberKind,
};

macro_rules! node {
    ($ty:ty) => {
        impl Node for $ty {
            fn span(&self) -> Span {
                self.span
            }
            fn docs(&self) -> &Docs {
                &self.docs
            }
        }
    };
}

node!(Member);
node!(EndpointMember);
node!(EnvMember);
node!(WebhookMember);
node!(BucketMember);
node!(FunctionMember);
node!(ShapeField);

impl Node for EnumValue {
    fn span(&self) -> Span {
        EnumValue::span(self)
    }
    fn docs(&self) -> &Docs {
        &self.docs
    }
}

static NO_DOCS: Docs = Docs { lines: Vec::new() };

impl Node for NamingRule {
    fn span(&self) -> Span {
        self.span
    }
    fn docs(&self) -> &Docs {
        &NO_DOCS
    }
}

impl Printer<'_> {
    pub(super) fn item(&mut self, item: &Item) {
        let close = item.span.end.saturating_sub(1);
        let text = self.text;
        match &item.kind {
            ItemKind::Naming(rules) => {
                self.block("naming", rules, close, |p, rule, _| {
                    p.line(&format!("{} = {}", rule.key.text, rule.value.text));
                });
            }
            ItemKind::Enum(decl) => {
                let mut header = format!("enum {}", decl.name.text);
                for attr in &decl.attrs {
                    header.push(' ');
                    header.push_str(&inline::attr(text, attr, "@"));
                }
                let value_line = |v: &EnumValue| {
                    let mut line = inline::name_or_string(&v.name);
                    for attr in &v.attrs {
                        line.push(' ');
                        line.push_str(&inline::attr(text, attr, "@"));
                    }
                    line
                };
                let values: Vec<String> = decl.values.iter().map(value_line).collect();
                let one_line = format!("{header} {{ {} }}", values.join(" "));
                let simple = decl.values.iter().all(|v| v.docs.is_empty());
                if simple && !values.is_empty() && !self.has_comments_within(item.span) && self.fits(&one_line) {
                    self.line(&one_line);
                } else {
                    self.block(&header, &decl.values, close, |p, v, _| p.line(&value_line(v)));
                }
            }
            ItemKind::Entity(decl) => {
                let mut header = format!("entity {}", decl.name.text);
                for attr in &decl.attrs {
                    header.push(' ');
                    header.push_str(&inline::attr(text, attr, "@"));
                }
                let columns = FieldColumns::measure(&decl.members);
                self.block(&header, &decl.members, close, |p, member, _| match &member.kind {
                    MemberKind::Field(field) => p.line(&columns.render(text, field)),
                    MemberKind::BlockAttr(attr) => p.line(&inline::attr(text, attr, "@@")),
                    MemberKind::Policy(policy) => p.line(&policy_line(text, policy)),
                });
            }
            ItemKind::Type(decl) => match &decl.shape.kind {
                ShapeKind::Object(fields) => {
                    let header = format!("type {}", decl.name.text);
                    self.block(&header, fields, close, |p, field, _| p.shape_field(field));
                }
                _ => self.line(&format!("type {} = {}", decl.name.text, inline::shape(text, &decl.shape))),
            },
            ItemKind::Endpoint(decl) => {
                let header = format!("endpoint {} {}", decl.method.text, inline::path(&decl.path));
                self.block(&header, &decl.members, close, |p, member, _| p.endpoint_member(member));
            }
            ItemKind::Env(members) => {
                let columns = EnvColumns::measure(members);
                self.block("env", members, close, |p, member, _| match &member.kind {
                    EnvMemberKind::Environments(names) => {
                        let names: Vec<&str> = names.iter().map(|n| n.text.as_str()).collect();
                        p.line(&format!("environments {}", names.join(" ")));
                    }
                    EnvMemberKind::Var { .. } => p.line(&columns.render(text, &member.kind)),
                });
            }
            ItemKind::Webhook(decl) => {
                let method = decl.method.as_ref().map_or(String::new(), |m| format!("{} ", m.text));
                let header = format!("webhook {method}{}", inline::path(&decl.path));
                self.block(&header, &decl.members, close, |p, member, _| p.webhook_member(member));
            }
            ItemKind::Bucket(decl) => {
                let header = format!("bucket {}", inline::name_or_string(&decl.name));
                self.block(&header, &decl.members, close, |p, member, _| p.bucket_member(member));
            }
            ItemKind::Function(decl) => {
                let header = format!("function {}", decl.name.text);
                self.block(&header, &decl.members, close, |p, member, _| p.function_member(member));
            }
        }
    }

    fn fits(&self, line: &str) -> bool {
        self.indent * super::INDENT.len() + line.chars().count() <= WIDTH
    }

    /// Prints `prefix shape` on one line when it fits and holds no comment or doc, otherwise
    /// breaks the outermost object into one field per line.
    fn shape_line(&mut self, prefix: &str, shape: &Shape, suffix: &str) {
        let one_line = format!("{prefix}{}{suffix}", inline::shape(self.text, shape));
        let fields = match &shape.kind {
            ShapeKind::Object(fields) => Some(fields),
            _ => None,
        };
        let has_docs = fields.is_some_and(|f| f.iter().any(|field| !field.docs.is_empty()));
        let breakable = fields.is_some_and(|f| !f.is_empty());
        if !breakable || (self.fits(&one_line) && !has_docs && !self.has_comments_within(shape.span)) {
            self.line(&one_line);
            return;
        }
        let header = prefix.trim_end();
        let close = shape.span.end.saturating_sub(1);
        self.block(header, fields.expect("breakable shapes are objects"), close, |p, field, _| p.shape_field(field));
        if !suffix.is_empty() {
            self.out.pop();
            self.out.push_str(suffix);
            self.out.push('\n');
        }
    }

    fn shape_field(&mut self, field: &ShapeField) {
        let mut prefix = inline::name_or_string(&field.name);
        if field.optional {
            prefix.push('?');
        }
        prefix.push_str(": ");
        let suffix = field.default.as_ref().map_or(String::new(), |d| format!(" = {}", inline::value(self.text, d)));
        self.shape_line(&prefix, &field.shape, &suffix);
    }

    fn endpoint_member(&mut self, member: &EndpointMember) {
        match &member.kind {
            EndpointMemberKind::Auth(mode) => self.line(&format!("auth {}", mode.text)),
            EndpointMemberKind::Query(fields, span) | EndpointMemberKind::Headers(fields, span) => {
                let keyword = if matches!(member.kind, EndpointMemberKind::Query(..)) { "query " } else { "headers " };
                let shape = Shape { span: *span, kind: ShapeKind::Object(fields.clone()) };
                self.shape_line(keyword, &shape, "");
            }
            EndpointMemberKind::Body(shape) => self.shape_line("body ", shape, ""),
            EndpointMemberKind::Response { status, shape: Some(shape) } => {
                self.shape_line(&format!("{} ", status.0), shape, "");
            }
            EndpointMemberKind::Response { status, shape: None } => self.line(&status.0.to_string()),
        }
    }

    fn webhook_member(&mut self, member: &WebhookMember) {
        match &member.kind {
            WebhookMemberKind::Signature { scheme, args } => {
                let args = if args.is_empty() { String::new() } else { inline::args(self.text, args) };
                self.line(&format!("signature {}{args}", scheme.text));
            }
            WebhookMemberKind::Idempotency(path) => {
                let path: Vec<&str> = path.iter().map(|p| p.text.as_str()).collect();
                self.line(&format!("idempotency {}", path.join(".")));
            }
            WebhookMemberKind::Body(shape) => self.shape_line("body ", shape, ""),
        }
    }

    fn function_member(&mut self, member: &FunctionMember) {
        match &member.kind {
            FunctionMemberKind::Args(fields, span) => {
                let shape = Shape { span: *span, kind: ShapeKind::Object(fields.clone()) };
                self.shape_line("args ", &shape, "");
            }
            FunctionMemberKind::Returns(shape) => self.shape_line("returns ", shape, ""),
        }
    }

    fn bucket_member(&mut self, member: &BucketMember) {
        let line = match &member.kind {
            BucketMemberKind::Access(access) => access.text.clone(),
            BucketMemberKind::MaxSize(size) => format!("maxSize {}", inline::value(self.text, size)),
            BucketMemberKind::MimeTypes(types, _) => {
                let types: Vec<String> = types.iter().map(|t| inline::value(self.text, t)).collect();
                format!("mimeTypes [{}]", types.join(", "))
            }
        };
        self.line(&line);
    }
}

fn policy_line(text: &str, policy: &Policy) -> String {
    let operations: Vec<&str> = policy.operations.iter().map(|o| o.text.as_str()).collect();
    let mut line = format!("allow {}", operations.join(", "));
    if !policy.roles.is_empty() {
        let roles: Vec<&str> = policy.roles.iter().map(|r| r.text.as_str()).collect();
        let _ = write!(line, " to {}", roles.join(", "));
    }
    if let Some(using) = &policy.using {
        let _ = write!(line, " when {}", inline::expr(text, using));
    }
    if let Some(check) = &policy.check {
        let _ = write!(line, " check {}", inline::expr(text, check));
    }
    line
}

/// Column widths that align an entity's field names and types.
struct FieldColumns {
    name: usize,
    ty: usize,
}

impl FieldColumns {
    fn measure(members: &[Member]) -> FieldColumns {
        let fields = members.iter().filter_map(|m| match &m.kind {
            MemberKind::Field(field) => Some(field),
            _ => None,
        });
        let mut columns = FieldColumns { name: 0, ty: 0 };
        for field in fields {
            columns.name = columns.name.max(field.name.text.len());
            columns.ty = columns.ty.max(field_type(field).len());
        }
        columns
    }

    fn render(&self, text: &str, field: &Field) -> String {
        let mut rest: Vec<String> = Vec::new();
        if let Some(default) = &field.default {
            rest.push(format!("= {}", inline::value(text, default)));
        }
        rest.extend(field.attrs.iter().map(|a| inline::attr(text, a, "@")));
        if let Some(reference) = &field.reference {
            let path: Vec<&str> = reference.path.iter().map(|p| p.text.as_str()).collect();
            let mut target = format!("-> {}", path.join("."));
            if let Some((action, _)) = &reference.on_delete {
                let _ = write!(target, " on delete {action}");
            }
            rest.push(target);
        }
        let line = format!(
            "{:<name$} {:<ty$} {}",
            field.name.text,
            field_type(field),
            rest.join(" "),
            name = self.name,
            ty = self.ty
        );
        line.trim_end().to_owned()
    }
}

fn field_type(field: &Field) -> String {
    let mut ty = inline::type_ref(&field.ty);
    if field.nullable {
        ty.push('?');
    }
    ty
}

/// Column widths that align the env block's names and types.
struct EnvColumns {
    name: usize,
    ty: usize,
}

impl EnvColumns {
    fn measure(members: &[EnvMember]) -> EnvColumns {
        let mut columns = EnvColumns { name: 0, ty: 0 };
        for member in members {
            if let EnvMemberKind::Var { name, ty, .. } = &member.kind {
                columns.name = columns.name.max(name.text.len());
                columns.ty = columns.ty.max(ty.text.len());
            }
        }
        columns
    }

    fn render(&self, text: &str, kind: &EnvMemberKind) -> String {
        let EnvMemberKind::Var { name, ty, visibility, attrs } = kind else { return String::new() };
        let mut rest: Vec<String> = visibility.iter().map(|v| v.text.clone()).collect();
        rest.extend(attrs.iter().map(|a| inline::attr(text, a, "@")));
        let line = format!("{:<name$} {:<ty$} {}", name.text, ty.text, rest.join(" "), name = self.name, ty = self.ty);
        line.trim_end().to_owned()
    }
}
