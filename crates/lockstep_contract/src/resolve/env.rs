//! Resolution of environment variables, webhooks and storage buckets.

use lockstep_diagnostics::{Diagnostic, Span, did_you_mean};

use super::Resolver;
use crate::diagnostics as diag;
use crate::model::{Bucket, EnvType, EnvVar, Environment, Method, Signature, SignatureScheme, Visibility, Webhook};
use crate::syntax::ast::{self, BucketMemberKind, EnvMemberKind, Item, ItemKind, Value, WebhookMemberKind};

/// Prefixes that bundlers inline into client code: a secret under one of them ships to every
/// browser.
pub const PUBLIC_PREFIXES: [&str; 7] =
    ["NEXT_PUBLIC_", "VITE_", "PUBLIC_", "EXPO_PUBLIC_", "REACT_APP_", "NUXT_PUBLIC_", "GATSBY_"];

const DEFAULT_ENVIRONMENTS: [&str; 3] = ["development", "staging", "production"];

impl Resolver<'_> {
    pub(super) fn env(&mut self, items: &[&Item]) {
        let block = self.single_item(items, "env", |k| matches!(k, ItemKind::Env(_)));
        let members: &[ast::EnvMember] = match block.map(|i| &i.kind) {
            Some(ItemKind::Env(members)) => members,
            _ => &[],
        };
        let mut declared: Option<Span> = None;
        for member in members {
            let EnvMemberKind::Environments(names) = &member.kind else { continue };
            if let Some(first) = declared {
                let diagnostic = Diagnostic::error(diag::INVALID_ENV, "`environments` is given twice")
                    .at(member.span, "given again")
                    .related(first, "first given here");
                self.report(diagnostic);
                continue;
            }
            declared = Some(member.span);
            for name in names {
                if let Some(first) = self.contract.environments.iter().find(|e| e.name == name.text) {
                    let diagnostic =
                        diag::duplicate_name("environment", &name.text, name.span, first.span.unwrap_or(name.span));
                    self.report(diagnostic);
                    continue;
                }
                self.contract.environments.push(Environment { name: name.text.clone(), span: Some(name.span) });
            }
        }
        if declared.is_none() {
            self.contract.environments =
                DEFAULT_ENVIRONMENTS.iter().map(|n| Environment { name: (*n).to_owned(), span: None }).collect();
        }
        for member in members {
            let EnvMemberKind::Var { name, ty, visibility, attrs } = &member.kind else { continue };
            if let Some(first) = self.contract.env_var(&name.text) {
                let diagnostic = diag::duplicate_name("environment variable", &name.text, name.span, first.origin.span);
                self.report(diagnostic);
                continue;
            }
            let var = self.env_var(member, name, ty, visibility.as_ref(), attrs);
            self.contract.env.push(var);
        }
    }

    fn env_var(
        &mut self,
        member: &ast::EnvMember,
        name: &ast::Name,
        ty: &ast::Name,
        visibility: Option<&ast::Name>,
        attrs: &[ast::Attr],
    ) -> EnvVar {
        let resolved_ty = EnvType::ALL.iter().find(|(n, _)| *n == ty.text).map_or_else(
            || {
                let names: Vec<&str> = EnvType::ALL.iter().map(|(n, _)| *n).collect();
                let suggestion = did_you_mean(&ty.text, names.iter().copied());
                let diagnostic = diag::unknown_type(&ty.text, ty.span, suggestion, &diag::quoted_list(&names));
                self.report(diagnostic);
                EnvType::Text
            },
            |(_, t)| *t,
        );
        let resolved_visibility = match visibility.map(|v| v.text.as_str()) {
            None | Some("secret") => Visibility::Secret,
            Some("public") => Visibility::Public,
            Some(other) => {
                let diagnostic = Diagnostic::error(diag::INVALID_ENV, format!("unknown visibility `{other}`"))
                    .at(visibility.map_or(name.span, |v| v.span), "not `secret` or `public`")
                    .help("write `secret` (the default) or `public`");
                self.report(diagnostic);
                Visibility::Secret
            }
        };
        let mut required_in: Vec<String> = self.contract.environments.iter().map(|e| e.name.clone()).collect();
        for attr in attrs {
            match attr.name.text.as_str() {
                "optional" if attr.args.is_none() => required_in.clear(),
                "environments" => required_in = self.environment_list(attr),
                "optional" => self.invalid_attr(attr, "`@optional` takes no arguments"),
                _ => self.unknown_attr(attr, &["optional", "environments"], "environment variable"),
            }
        }
        // A warning, not an error: the contract is right to call it a secret (`lockstep init`
        // declares `VITE_OPENAI_API_KEY` so); what is wrong is the app's name for it, and
        // `check` still runs, reporting the reads in browser code as `env/secret-exposed`.
        if resolved_visibility == Visibility::Secret {
            if let Some(prefix) = PUBLIC_PREFIXES.iter().find(|p| name.text.starts_with(**p)) {
                let diagnostic = Diagnostic::warning(
                    diag::SECRET_PUBLIC_PREFIX,
                    format!("secret `{}` has the public prefix `{prefix}`", name.text),
                )
                .at(name.span, "bundlers inline this variable into client code")
                .help(format!(
                    "rename it without `{prefix}` and use it on the server only (a route handler, an Edge Function), or mark it `public` if it is made to be published"
                ));
                self.report(diagnostic);
            }
        }
        EnvVar {
            name: name.text.clone(),
            ty: resolved_ty,
            visibility: resolved_visibility,
            required_in,
            origin: self.origin(member.span, &member.docs),
        }
    }

    fn environment_list(&mut self, attr: &ast::Attr) -> Vec<String> {
        let known: Vec<String> = self.contract.environments.iter().map(|e| e.name.clone()).collect();
        let mut list = Vec::new();
        for arg in attr.args.as_deref().unwrap_or_default() {
            let Value::Ident(name) = &arg.value else {
                self.invalid_attr(attr, "list environment names: `@environments(staging, production)`");
                continue;
            };
            if known.contains(&name.text) {
                list.push(name.text.clone());
            } else {
                let suggestion = did_you_mean(&name.text, known.iter().map(String::as_str));
                let diagnostic = Diagnostic::error(diag::INVALID_ENV, format!("unknown environment `{}`", name.text))
                    .at(name.span, "not a declared environment")
                    .help(suggestion.map_or_else(
                        || format!("declare it in `environments`; known: {}", known.join(", ")),
                        |s| format!("did you mean `{s}`?"),
                    ));
                self.report(diagnostic);
            }
        }
        list
    }

    pub(super) fn webhooks(&mut self, items: &[&Item]) {
        for item in items {
            let ItemKind::Webhook(decl) = &item.kind else { continue };
            let method = match &decl.method {
                Some(name) => match self.method(name) {
                    Some(method) => method,
                    None => continue,
                },
                None => Method::Post,
            };
            let (path, _) = self.path(&decl.path);
            if let Some(first) = self.contract.webhooks.iter().find(|w| w.path == path) {
                let diagnostic = diag::duplicate_name("webhook", &path, decl.path.span, first.origin.span);
                self.report(diagnostic);
                continue;
            }
            let mut webhook = Webhook {
                method,
                path,
                signature: None,
                idempotency: None,
                body: None,
                origin: self.origin(item.span, &item.docs),
            };
            for member in &decl.members {
                match &member.kind {
                    WebhookMemberKind::Signature { scheme, args } => {
                        if webhook.signature.is_some() {
                            self.report(
                                Diagnostic::error(diag::INVALID_WEBHOOK, "a webhook has one `signature`")
                                    .at(member.span, "second signature"),
                            );
                            continue;
                        }
                        webhook.signature = self.signature(scheme, args, member.span);
                    }
                    WebhookMemberKind::Idempotency(path) => {
                        webhook.idempotency = Some(path.iter().map(|p| p.text.clone()).collect());
                    }
                    WebhookMemberKind::Body(shape) => webhook.body = Some(self.shape(shape)),
                }
            }
            self.contract.webhooks.push(webhook);
        }
    }

    fn signature(&mut self, scheme: &ast::Name, args: &[ast::Arg], span: Span) -> Option<Signature> {
        let Some(resolved) = SignatureScheme::ALL.iter().find(|(n, _)| *n == scheme.text).map(|(_, s)| *s) else {
            let names: Vec<&str> = SignatureScheme::ALL.iter().map(|(n, _)| *n).collect();
            let folded = scheme.text.replace('-', "_");
            let suggestion =
                did_you_mean(&folded, names.iter().copied()).or_else(|| names.iter().copied().find(|n| *n == folded));
            let diagnostic =
                Diagnostic::error(diag::INVALID_WEBHOOK, format!("unknown signature scheme `{}`", scheme.text))
                    .at(scheme.span, "not a scheme")
                    .help(suggestion.map_or_else(
                        || format!("use one of {}", diag::quoted_list(&names)),
                        |s| format!("did you mean `{s}`?"),
                    ));
            self.report(diagnostic);
            return None;
        };
        let mut secret: Option<String> = None;
        let mut header = resolved.default_header().map(str::to_owned);
        let mut tolerance_seconds = None;
        for arg in args {
            match (arg.key.as_ref().map(|k| k.text.as_str()), &arg.value) {
                (None, Value::Ident(name)) if secret.is_none() => {
                    self.check_secret_var(name);
                    secret = Some(name.text.clone());
                }
                (Some("header"), Value::String { value, .. }) => header = Some(value.clone()),
                (Some("tolerance"), Value::Number { text, span }) => tolerance_seconds = self.duration(text, *span),
                _ => {
                    let diagnostic = Diagnostic::error(diag::INVALID_WEBHOOK, "unexpected signature argument")
                        .at(arg.value.span(), "not understood")
                        .help("write `signature stripe(SECRET_VAR, tolerance: 300s)` or `signature hmac_sha256(SECRET_VAR, header: \"X-Signature\")`");
                    self.report(diagnostic);
                }
            }
        }
        let Some(secret) = secret else {
            let diagnostic =
                Diagnostic::error(diag::INVALID_WEBHOOK, "the signature needs the env variable holding its secret")
                    .at(span, "no secret")
                    .help(format!("write `signature {}(WEBHOOK_SECRET)`", scheme.text));
            self.report(diagnostic);
            return None;
        };
        let Some(header) = header else {
            let diagnostic =
                Diagnostic::error(diag::INVALID_WEBHOOK, "`hmac_sha256` needs the header that carries the signature")
                    .at(span, "no header")
                    .help(format!("write `signature hmac_sha256({secret}, header: \"X-Signature\")`"));
            self.report(diagnostic);
            return None;
        };
        Some(Signature { scheme: resolved, secret, header, tolerance_seconds, span })
    }

    fn check_secret_var(&mut self, name: &ast::Name) {
        match self.contract.env_var(&name.text) {
            Some(var) if var.visibility == Visibility::Public => {
                let diagnostic = Diagnostic::error(
                    diag::INVALID_WEBHOOK,
                    format!("signing secret `{}` is declared `public`", name.text),
                )
                .at(name.span, "a signing secret must stay secret")
                .related(var.origin.span, "declared here")
                .help("mark the variable `secret`");
                self.report(diagnostic);
            }
            Some(_) => {}
            None => {
                let names: Vec<&str> = self.contract.env.iter().map(|v| v.name.as_str()).collect();
                let suggestion = did_you_mean(&name.text, names).map(|s| format!("did you mean `{s}`?"));
                let diagnostic =
                    Diagnostic::error(diag::UNKNOWN_ENV, format!("unknown environment variable `{}`", name.text))
                        .at(name.span, "not declared in `env`")
                        .help(
                            suggestion.unwrap_or_else(|| format!("declare it: `env {{ {} text secret }}`", name.text)),
                        );
                self.report(diagnostic);
            }
        }
    }

    fn duration(&mut self, text: &str, span: Span) -> Option<u64> {
        let digits_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (number, unit) = text.split_at(digits_end);
        let factor = match unit {
            "" | "s" => 1,
            "m" | "min" => 60,
            "h" => 3600,
            _ => 0,
        };
        match number.parse::<u64>() {
            Ok(value) if factor > 0 => Some(value * factor),
            _ => {
                let diagnostic = Diagnostic::error(diag::INVALID_WEBHOOK, format!("`{text}` is not a duration"))
                    .at(span, "expected a duration")
                    .help("write whole seconds, minutes or hours: `300s`, `5m`, `1h`");
                self.report(diagnostic);
                None
            }
        }
    }

    pub(super) fn buckets(&mut self, items: &[&Item]) {
        for item in items {
            let ItemKind::Bucket(decl) = &item.kind else { continue };
            if let Some(first) = self.contract.buckets.iter().find(|b| b.name == decl.name.text) {
                let diagnostic = diag::duplicate_name("bucket", &decl.name.text, decl.name.span, first.origin.span);
                self.report(diagnostic);
                continue;
            }
            let mut bucket = Bucket {
                name: decl.name.text.clone(),
                public: false,
                max_size_bytes: None,
                mime_types: Vec::new(),
                origin: self.origin(item.span, &item.docs),
            };
            for member in &decl.members {
                match &member.kind {
                    BucketMemberKind::Access(access) => bucket.public = access.text == "public",
                    BucketMemberKind::MaxSize(value) => bucket.max_size_bytes = self.size(value),
                    BucketMemberKind::MimeTypes(values, _) => {
                        for value in values {
                            match value {
                                Value::String { value, .. } if value.contains('/') => {
                                    bucket.mime_types.push(value.clone());
                                }
                                other => {
                                    let diagnostic = Diagnostic::error(diag::INVALID_BUCKET, "not a MIME type")
                                        .at(other.span(), "expected a type such as \"image/png\"")
                                        .help("list MIME types as strings; `image/*` allows every image type");
                                    self.report(diagnostic);
                                }
                            }
                        }
                    }
                }
            }
            self.contract.buckets.push(bucket);
        }
    }

    /// `5MB`, `512KB`, `1GB` (powers of 1024), or bytes.
    fn size(&mut self, value: &Value) -> Option<u64> {
        if let Value::Number { text, .. } = value {
            let digits_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
            let (number, unit) = text.split_at(digits_end);
            let factor: Option<u64> = match unit.to_ascii_uppercase().as_str() {
                "" | "B" => Some(1),
                "KB" | "KIB" => Some(1 << 10),
                "MB" | "MIB" => Some(1 << 20),
                "GB" | "GIB" => Some(1 << 30),
                _ => None,
            };
            if let (Ok(n), Some(factor)) = (number.parse::<u64>(), factor) {
                if let Some(bytes) = n.checked_mul(factor) {
                    return Some(bytes);
                }
            }
        }
        let diagnostic = Diagnostic::error(diag::INVALID_BUCKET, "not a size")
            .at(value.span(), "expected a size such as `5MB`")
            .help("write a whole number of bytes or of `KB`, `MB`, `GB` (powers of 1024)");
        self.report(diagnostic);
        None
    }
}
