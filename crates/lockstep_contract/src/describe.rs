//! The resolved contract described for people: what each name becomes in each layer. Used by
//! `lockstep contract` and by the fixture tests, which snapshot it.

use std::fmt::Write;

use crate::model::{Contract, Default, Entity, ForeignTarget, Literal, PolicyExpr, Shape, Visibility};

pub fn describe(contract: &Contract) -> String {
    let mut out = String::new();
    let naming = &contract.naming;
    let _ = writeln!(
        out,
        "naming: db = {}, api = {}, table = {}",
        naming.db.as_str(),
        naming.api.as_str(),
        naming.table.as_str()
    );
    for e in &contract.enums {
        let values: Vec<String> = e
            .values
            .iter()
            .map(|v| v.was.as_ref().map_or_else(|| v.name.clone(), |was| format!("{} (was {was})", v.name)))
            .collect();
        let was = e.was.as_ref().map_or(String::new(), |was| format!(", was {was}"));
        let _ = writeln!(out, "\nenum {} (db type {}{was}): {}", e.name, e.db_name, values.join(", "));
    }
    for entity in &contract.entities {
        render_entity(&mut out, entity);
    }
    for t in &contract.types {
        let _ = writeln!(out, "\ntype {} = {}", t.name, shape(&t.shape));
    }
    for e in &contract.endpoints {
        let _ = writeln!(out, "\nendpoint {} (auth {})", e.label(), e.auth.as_str());
        for p in &e.params {
            let _ = writeln!(out, "  param {}: {}", p.name, shape(&p.shape));
        }
        for q in &e.query {
            let _ = writeln!(out, "  query {}{}: {}", q.name, if q.optional { "?" } else { "" }, shape(&q.shape));
        }
        if let Some(body) = &e.body {
            let _ = writeln!(out, "  body {}", shape(body));
        }
        for r in &e.responses {
            let body = r.body.as_ref().map_or_else(|| "no body".to_owned(), shape);
            let _ = writeln!(out, "  {} {body}", r.status);
        }
    }
    if !contract.env.is_empty() {
        let environments: Vec<&str> = contract.environments.iter().map(|e| e.name.as_str()).collect();
        let _ = writeln!(out, "\nenv (environments: {})", environments.join(", "));
        for v in &contract.env {
            let visibility = if v.visibility == Visibility::Secret { "secret" } else { "public" };
            let required = if v.required_in.is_empty() {
                "optional".to_owned()
            } else {
                format!("required in {}", v.required_in.join(", "))
            };
            let _ = writeln!(out, "  {} {} {visibility}, {required}", v.name, v.ty.as_str());
        }
    }
    for w in &contract.webhooks {
        let _ = writeln!(out, "\nwebhook {} {}", w.method.as_str(), w.path);
        if let Some(s) = &w.signature {
            let _ = writeln!(out, "  signature {} with secret {} in header {}", s.scheme.as_str(), s.secret, s.header);
        }
        if let Some(key) = &w.idempotency {
            let _ = writeln!(out, "  idempotency key {}", key.join("."));
        }
    }
    for f in &contract.functions {
        let args: Vec<String> = f
            .args
            .iter()
            .map(|a| format!("{}{}: {}", a.name, if a.optional { "?" } else { "" }, shape(&a.shape)))
            .collect();
        let returns = f.returns.as_ref().map_or_else(|| "nothing".to_owned(), shape);
        let _ = writeln!(out, "\nfunction {}({}) returns {returns}", f.name, args.join(", "));
    }
    for b in &contract.buckets {
        let size = b.max_size_bytes.map_or_else(|| "no size limit".to_owned(), |n| format!("max {n} bytes"));
        let _ = writeln!(out, "\nbucket {} ({}, {size})", b.name, if b.public { "public" } else { "private" });
    }
    out
}

fn render_entity(out: &mut String, entity: &Entity) {
    let kind = if entity.view { "view" } else { "table" };
    let was = entity.was.as_ref().map_or(String::new(), |was| format!(", was {was}"));
    let _ = writeln!(out, "\nentity {} ({kind} {}.{}{was})", entity.name, entity.schema, entity.table);
    let rows: Vec<[String; 4]> = entity
        .fields
        .iter()
        .map(|f| {
            let mut notes = Vec::new();
            if entity.primary_key.contains(&f.name) {
                notes.push("primary key".to_owned());
            }
            if entity.uniques.iter().any(|u| u == std::slice::from_ref(&f.name)) {
                notes.push("unique".to_owned());
            }
            if let Some(d) = &f.default {
                notes.push(format!("default {}", default(d)));
            }
            if let Some(was) = &f.was {
                notes.push(format!("was column {was}"));
            }
            if let Some(values) = &f.allowed_values {
                notes.push(format!("values {}", values.join(" | ")));
            }
            if let Some(r) = &f.references {
                let target = match &r.target {
                    ForeignTarget::Entity(name) => name.clone(),
                    ForeignTarget::External { schema, table } => format!("{schema}.{table}"),
                };
                notes.push(format!("-> {target}.{} on delete {}", r.field, r.on_delete.as_str()));
            }
            let ty = format!("{}{}", f.ty.contract_name(), if f.nullable { "?" } else { "" });
            [f.name.clone(), ty, format!("column {} / json {}", f.db_name, f.api_name), notes.join(", ")]
        })
        .collect();
    let width = |i: usize| rows.iter().map(|r| r[i].len()).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    for row in &rows {
        let line = format!("  {:<w0$}  {:<w1$}  {:<w2$}  {}", row[0], row[1], row[2], row[3]);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    for unique in entity.uniques.iter().filter(|u| u.len() > 1) {
        let _ = writeln!(out, "  unique ({})", unique.join(", "));
    }
    if entity.primary_key.len() > 1 {
        let _ = writeln!(out, "  primary key ({})", entity.primary_key.join(", "));
    }
    for policy in &entity.policies {
        let roles = if policy.roles.is_empty() { "public".to_owned() } else { policy.roles.join(", ") };
        let mut line = format!("  allow {} to {roles}", policy.operation.as_str());
        if let Some(using) = &policy.using {
            let _ = write!(line, " using ({})", expr(using));
        }
        if let Some(check) = &policy.check {
            let _ = write!(line, " check ({})", expr(check));
        }
        let _ = writeln!(out, "{line}");
    }
}

fn default(d: &Default) -> String {
    match d {
        Default::Now => "now".to_owned(),
        Default::RandomUuid => "random".to_owned(),
        Default::AutoIncrement => "autoincrement".to_owned(),
        Default::Sequence(name) => format!("sequence({name})"),
        Default::Literal(l) => literal(l),
        Default::EnumValue(v) => v.clone(),
        Default::Sql(sql) => format!("`{sql}`"),
    }
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => format!("{s:?}"),
        Literal::Number(n) => n.clone(),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_owned(),
        Literal::List(items) => format!("[{}]", items.iter().map(literal).collect::<Vec<_>>().join(", ")),
    }
}

fn expr(e: &PolicyExpr) -> String {
    match e {
        PolicyExpr::Or(parts) => parts.iter().map(|p| format!("({})", expr(p))).collect::<Vec<_>>().join(" or "),
        PolicyExpr::And(parts) => parts.iter().map(|p| format!("({})", expr(p))).collect::<Vec<_>>().join(" and "),
        PolicyExpr::Not(inner) => format!("not ({})", expr(inner)),
        PolicyExpr::Equals { lhs, rhs, negated } => {
            format!("{} {} {}", expr(lhs), if *negated { "!=" } else { "==" }, expr(rhs))
        }
        PolicyExpr::In { lhs, list } => {
            format!("{} in [{}]", expr(lhs), list.iter().map(expr).collect::<Vec<_>>().join(", "))
        }
        PolicyExpr::Field(name) => name.clone(),
        PolicyExpr::Auth(property) => match property {
            crate::model::AuthProperty::Uid => "auth.uid".to_owned(),
            crate::model::AuthProperty::Role => "auth.role".to_owned(),
            crate::model::AuthProperty::Email => "auth.email".to_owned(),
            crate::model::AuthProperty::Claim(c) => format!("auth.jwt.{c}"),
        },
        PolicyExpr::Literal(l) => literal(l),
        PolicyExpr::Sql(sql) => format!("`{sql}`"),
    }
}

fn shape(s: &Shape) -> String {
    match s {
        Shape::Scalar(scalar) => scalar.contract_name(),
        Shape::Enum(name) | Shape::Entity(name) | Shape::Type(name) => name.clone(),
        Shape::Select { base, fields } => format!("{base} {{ {} }}", fields.join(", ")),
        Shape::Object(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| format!("{}{}: {}", f.name, if f.optional { "?" } else { "" }, shape(&f.shape)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        Shape::Array(inner) => format!("{}[]", shape(inner)),
        Shape::Nullable(inner) => format!("{}?", shape(inner)),
    }
}
