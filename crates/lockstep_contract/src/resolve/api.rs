//! Resolution of API shapes, named types, endpoints and database functions.

use std::collections::HashSet;
use std::fmt::Write;

use lockstep_diagnostics::{Diagnostic, Span, did_you_mean};

use super::data::literal;
use super::{NameKind, Resolver};
use crate::diagnostics as diag;
use crate::model::{Auth, Endpoint, Function, Method, PathParam, Response, Scalar, Shape, ShapeField, TypeDef};
use crate::syntax::ast::{
    self, EndpointMemberKind, FunctionMemberKind, Item, ItemKind, PathPattern, PathSegment, ShapeKind,
};

impl Resolver<'_> {
    pub(super) fn types(&mut self, items: &[&Item]) {
        for item in items {
            let ItemKind::Type(decl) = &item.kind else { continue };
            let shape = self.shape(&decl.shape);
            let origin = self.origin(item.span, &item.docs);
            self.contract.types.push(TypeDef { name: decl.name.text.clone(), shape, origin });
        }
    }

    pub(super) fn shape(&mut self, shape: &ast::Shape) -> Shape {
        match &shape.kind {
            ShapeKind::Object(fields) => Shape::Object(self.shape_fields(fields)),
            ShapeKind::Array(inner) => Shape::Array(Box::new(self.shape(inner))),
            ShapeKind::Nullable(inner) => Shape::Nullable(Box::new(self.shape(inner))),
            ShapeKind::Named(ty) => {
                if let Some(scalar) = self.scalar(ty) {
                    return Shape::Scalar(scalar);
                }
                match self.kind_of(&ty.name.text) {
                    Some(NameKind::Enum) => Shape::Enum(ty.name.text.clone()),
                    Some(NameKind::Entity) => Shape::Entity(ty.name.text.clone()),
                    Some(NameKind::Type) => Shape::Type(ty.name.text.clone()),
                    None => {
                        let mut candidates: Vec<&str> = Scalar::NAMES.iter().map(|(n, _)| *n).collect();
                        candidates.extend(self.names_of(&[NameKind::Enum, NameKind::Entity, NameKind::Type]));
                        let suggestion = did_you_mean(&ty.name.text, candidates);
                        let diagnostic = diag::unknown_type(
                            &ty.name.text,
                            ty.name.span,
                            suggestion,
                            "a scalar, an enum, an entity or a `type`",
                        );
                        self.report(diagnostic);
                        Shape::Scalar(Scalar::Text)
                    }
                }
            }
            ShapeKind::Select { omit, base, fields } => self.select(*omit, base, fields),
        }
    }

    fn shape_fields(&mut self, fields: &[ast::ShapeField]) -> Vec<ShapeField> {
        let mut resolved: Vec<ShapeField> = Vec::new();
        for field in fields {
            if let Some(first) = resolved.iter().find(|f| f.name == field.name.text) {
                let diagnostic = diag::duplicate_name("field", &field.name.text, field.name.span, first.origin.span);
                self.report(diagnostic);
                continue;
            }
            let default = field.default.as_ref().and_then(|value| {
                let literal = literal(value);
                if literal.is_none() {
                    let diagnostic = Diagnostic::error(diag::INVALID_DEFAULT, "a default here is a literal")
                        .at(value.span(), "not a literal")
                        .help("use a string, a number, `true`, `false` or `null`");
                    self.report(diagnostic);
                }
                literal
            });
            let shape = self.shape(&field.shape);
            if let (Some(literal), Some(value)) = (&default, &field.default) {
                self.check_shape_default(&shape, field.optional, literal, value.span());
            }
            resolved.push(ShapeField {
                name: field.name.text.clone(),
                optional: field.optional,
                shape,
                default,
                origin: self.origin(field.span, &field.docs),
            });
        }
        resolved
    }

    /// `Pick<Base, a | b>` keeps the listed fields, `Omit` the others, in the base's order.
    fn select(&mut self, omit: bool, base: &ast::Name, fields: &[ast::Name]) -> Shape {
        let available: Option<Vec<String>> = match self.kind_of(&base.text) {
            Some(NameKind::Entity) => {
                self.contract.entity(&base.text).map(|e| e.fields.iter().map(|f| f.name.clone()).collect())
            }
            Some(NameKind::Type) => match self.contract.type_def(&base.text).map(|t| &t.shape) {
                Some(Shape::Object(fields)) => Some(fields.iter().map(|f| f.name.clone()).collect()),
                _ => None,
            },
            _ => None,
        };
        let Some(available) = available else {
            let mut candidates = self.names_of(&[NameKind::Entity, NameKind::Type]);
            candidates.retain(|c| *c != base.text);
            let suggestion = did_you_mean(&base.text, candidates).map(|s| format!("did you mean `{s}`?"));
            let diagnostic = Diagnostic::error(diag::UNKNOWN_TYPE, format!("cannot pick fields of `{}`", base.text))
                .at(base.span, "not an entity or an object type declared before")
                .help(suggestion.unwrap_or_else(|| {
                    "`Pick` and `Omit` take an entity, or a `type` with fields declared earlier".to_owned()
                }));
            self.report(diagnostic);
            return Shape::Scalar(Scalar::Text);
        };
        for field in fields {
            if !available.contains(&field.text) {
                let suggestion = did_you_mean(&field.text, available.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"));
                let diagnostic =
                    Diagnostic::error(diag::UNKNOWN_FIELD, format!("`{}` has no field `{}`", base.text, field.text))
                        .at(field.span, "no such field")
                        .help_opt(suggestion);
                self.report(diagnostic);
            }
        }
        let listed: HashSet<&str> = fields.iter().map(|f| f.text.as_str()).collect();
        let kept = available.into_iter().filter(|f| listed.contains(f.as_str()) != omit).collect();
        Shape::Select { base: base.text.clone(), fields: kept }
    }

    pub(super) fn functions(&mut self, items: &[&Item]) {
        for item in items {
            let ItemKind::Function(decl) = &item.kind else { continue };
            if let Some(first) = self.contract.functions.iter().find(|f| f.name == decl.name.text) {
                let diagnostic = diag::duplicate_name("function", &decl.name.text, decl.name.span, first.origin.span);
                self.report(diagnostic);
                continue;
            }
            let mut function = Function {
                name: decl.name.text.clone(),
                args: Vec::new(),
                returns: None,
                origin: self.origin(item.span, &item.docs),
            };
            for member in &decl.members {
                match &member.kind {
                    FunctionMemberKind::Args(fields, _) => function.args = self.shape_fields(fields),
                    FunctionMemberKind::Returns(shape) => function.returns = Some(self.shape(shape)),
                }
            }
            self.contract.functions.push(function);
        }
    }

    pub(super) fn endpoints(&mut self, items: &[&Item]) {
        let mut seen: Vec<(Method, String, Span)> = Vec::new();
        for item in items {
            let ItemKind::Endpoint(decl) = &item.kind else { continue };
            let Some(method) = self.method(&decl.method) else { continue };
            let (path, params) = self.path(&decl.path);
            let key = path_key(&decl.path);
            if let Some((_, _, first)) = seen.iter().find(|(m, k, _)| *m == method && *k == key) {
                let diagnostic = Diagnostic::error(
                    diag::DUPLICATE_ENDPOINT,
                    format!("`{} {path}` is declared twice", method.as_str()),
                )
                .at(decl.path.span, "declared again")
                .related(*first, "first declared here")
                .help("merge the two endpoints into one");
                self.report(diagnostic);
                continue;
            }
            seen.push((method, key, decl.path.span));
            let endpoint = self.endpoint(item, decl, method, path, params);
            self.contract.endpoints.push(endpoint);
        }
    }

    fn endpoint(
        &mut self,
        item: &Item,
        decl: &ast::EndpointDecl,
        method: Method,
        path: String,
        params: Vec<PathParam>,
    ) -> Endpoint {
        let origin = self.origin(item.span, &item.docs);
        let mut endpoint = Endpoint {
            method,
            path,
            params,
            auth: Auth::None,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            responses: Vec::new(),
            origin,
        };
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for member in &decl.members {
            let keyword = match &member.kind {
                EndpointMemberKind::Auth(_) => "auth",
                EndpointMemberKind::Query(..) => "query",
                EndpointMemberKind::Headers(..) => "headers",
                EndpointMemberKind::Body(_) => "body",
                EndpointMemberKind::Response { .. } => "",
            };
            if !keyword.is_empty() {
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == keyword) {
                    let diagnostic = Diagnostic::error(diag::INVALID_ENDPOINT, format!("`{keyword}` is given twice"))
                        .at(member.span, "given again")
                        .related(*first, "first given here");
                    self.report(diagnostic);
                    continue;
                }
                seen.push((keyword, member.span));
            }
            match &member.kind {
                EndpointMemberKind::Auth(mode) => {
                    endpoint.auth = match mode.text.as_str() {
                        "required" => Auth::Required,
                        "optional" => Auth::Optional,
                        "none" => Auth::None,
                        other => {
                            let diagnostic =
                                Diagnostic::error(diag::INVALID_ENDPOINT, format!("unknown auth mode `{other}`"))
                                    .at(mode.span, "not an auth mode")
                                    .help("use `auth required`, `auth optional` or `auth none`");
                            self.report(diagnostic);
                            Auth::None
                        }
                    };
                }
                EndpointMemberKind::Query(fields, _) => endpoint.query = self.parameter_fields(fields, "query"),
                EndpointMemberKind::Headers(fields, _) => endpoint.headers = self.parameter_fields(fields, "header"),
                EndpointMemberKind::Body(shape) => {
                    if matches!(method, Method::Get | Method::Head) {
                        let diagnostic = Diagnostic::warning(
                            diag::INVALID_ENDPOINT,
                            format!("a {} request with a body", method.as_str()),
                        )
                        .at(member.span, "clients and proxies may drop it")
                        .help("send the values as `query` parameters instead");
                        self.report(diagnostic);
                    }
                    endpoint.body = Some(self.shape(shape));
                }
                EndpointMemberKind::Response { status: (status, span), shape } => {
                    if let Some(first) = endpoint.response(*status) {
                        let diagnostic =
                            Diagnostic::error(diag::INVALID_ENDPOINT, format!("status {status} is declared twice"))
                                .at(*span, "declared again")
                                .related(first.span, "first declared here");
                        self.report(diagnostic);
                        continue;
                    }
                    if shape.is_some() && matches!(status, 204 | 205 | 304) {
                        let diagnostic =
                            Diagnostic::error(diag::INVALID_ENDPOINT, format!("a {status} response has no body"))
                                .at(member.span, "HTTP forbids a body here")
                                .help(format!("write `{status}` alone, or use `200` to send a body"));
                        self.report(diagnostic);
                    }
                    let body = shape.as_ref().map(|s| self.shape(s));
                    endpoint.responses.push(Response { status: *status, body, span: *span });
                }
            }
        }
        if endpoint.responses.is_empty() {
            let diagnostic =
                Diagnostic::warning(diag::INVALID_ENDPOINT, format!("`{}` declares no response", endpoint.label()))
                    .at(decl.path.span, "no status code")
                    .help("add the statuses it returns, such as `200 Customer` or `204`");
            self.report(diagnostic);
        }
        endpoint
    }

    /// Query and header parameters are scalars, enums, or lists of them.
    fn parameter_fields(&mut self, fields: &[ast::ShapeField], what: &str) -> Vec<ShapeField> {
        let resolved = self.shape_fields(fields);
        for (field, ast_field) in resolved.iter().zip(fields) {
            if !is_parameter_shape(&field.shape) {
                let diagnostic = Diagnostic::error(
                    diag::INVALID_ENDPOINT,
                    format!("{what} parameter `{}` is not a scalar", field.name),
                )
                .at(ast_field.shape.span, "objects cannot travel in a URL or header")
                .help("use a scalar, an enum or a list of them; send objects in the `body`");
                self.report(diagnostic);
            }
        }
        resolved
    }

    pub(super) fn method(&mut self, name: &ast::Name) -> Option<Method> {
        if let Some(method) = Method::from_name(&name.text) {
            return Some(method);
        }
        let upper = name.text.to_ascii_uppercase();
        let help = if Method::from_name(&upper).is_some() {
            format!("methods are upper case: `{upper}`")
        } else {
            "use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS".to_owned()
        };
        let diagnostic = Diagnostic::error(diag::INVALID_ENDPOINT, format!("unknown HTTP method `{}`", name.text))
            .at(name.span, "not a method")
            .help(help);
        self.report(diagnostic);
        None
    }

    /// The path with parameter names only, and the typed parameters.
    pub(super) fn path(&mut self, pattern: &PathPattern) -> (String, Vec<PathParam>) {
        let mut path = String::new();
        let mut params: Vec<PathParam> = Vec::new();
        for segment in &pattern.segments {
            path.push('/');
            match segment {
                PathSegment::Literal(name) => path.push_str(&name.text),
                PathSegment::Param { name, ty } => {
                    let _ = write!(path, "{{{}}}", name.text);
                    if let Some(first) = params.iter().find(|p| p.name == name.text) {
                        let diagnostic = diag::duplicate_name("path parameter", &name.text, name.span, first.span);
                        self.report(diagnostic);
                        continue;
                    }
                    let shape = match ty {
                        Some(ty) => self.shape(&ast::Shape { span: ty.span, kind: ShapeKind::Named(ty.clone()) }),
                        None => Shape::Scalar(Scalar::Text),
                    };
                    if !is_parameter_shape(&shape) || matches!(shape, Shape::Array(_)) {
                        let diagnostic = Diagnostic::error(
                            diag::INVALID_ENDPOINT,
                            format!("path parameter `{}` is not a scalar", name.text),
                        )
                        .at(name.span, "a path segment holds one scalar value")
                        .help("use a scalar such as `uuid`, `int` or `text`, or an enum");
                        self.report(diagnostic);
                    }
                    params.push(PathParam { name: name.text.clone(), shape, span: name.span });
                }
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        (path, params)
    }
}

/// Two paths that differ only in parameter names route the same requests.
fn path_key(pattern: &PathPattern) -> String {
    let mut key = String::new();
    for segment in &pattern.segments {
        key.push('/');
        match segment {
            PathSegment::Literal(name) => key.push_str(&name.text),
            PathSegment::Param { .. } => key.push_str("{}"),
        }
    }
    key
}

fn is_parameter_shape(shape: &Shape) -> bool {
    match shape {
        Shape::Scalar(_) | Shape::Enum(_) => true,
        Shape::Array(inner) | Shape::Nullable(inner) => is_parameter_shape(inner),
        _ => false,
    }
}
