//! Canonical spellings of types and expressions, so a schema replayed from migrations and one
//! read from a live database compare equal. Types are spelt as Postgres's `format_type` prints
//! them; expressions are parsed and printed back with redundant parentheses, casts of literals
//! and `= ANY (ARRAY[...])` rewrites undone, in lower case outside quotes.

use lockstep_schema::Expr as SchemaExpr;
use sqlparser::ast::{
    BinaryOperator, CastKind, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, Ident, InTarget, Query,
    SelectItem, SetExpr, TableFactor, Value, ValueWithSpan,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// A column type: the base name and its modifiers, with array dimensions. `serial` types are
/// reported separately because they also imply a default and `NOT NULL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalizedType {
    /// As `format_type` prints it, arrays included: `character varying(80)[]`.
    pub name: String,
    pub serial: bool,
}

/// Normalises a type written in SQL (`int`, `varchar(10)`, `timestamptz`, `text[]`,
/// `serial`). `enum_name` resolves user types: it returns the printed name of an enum type
/// (schema-qualified outside `public`) when `name` is one.
pub fn normalize_type(written: &str, enum_name: &dyn Fn(&str) -> Option<String>) -> NormalizedType {
    let lower = written.trim().to_lowercase();
    let mut base = lower.as_str();
    let mut dimensions = 0;
    while let Some(stripped) = base.trim_end().strip_suffix("[]") {
        base = stripped;
        dimensions += 1;
    }
    let base = base.trim();
    let (head, args) = match base.find('(') {
        Some(open) => {
            let close = base.rfind(')').unwrap_or(base.len());
            let args: String = base[open + 1..close].chars().filter(|c| !c.is_whitespace()).collect();
            let rest = base[close.min(base.len())..].trim_start_matches(')').trim();
            (format!("{} {rest}", base[..open].trim()).trim().to_owned(), Some(args))
        }
        None => (base.to_owned(), None),
    };
    let head = head.split_whitespace().collect::<Vec<_>>().join(" ");
    let with_args = |name: &str| args.as_ref().map_or_else(|| name.to_owned(), |a| format!("{name}({a})"));
    let mut serial = false;
    let name = match head.as_str() {
        "int" | "integer" | "int4" => "integer".to_owned(),
        "bigint" | "int8" => "bigint".to_owned(),
        "smallint" | "int2" => "smallint".to_owned(),
        "serial" | "serial4" => {
            serial = true;
            "integer".to_owned()
        }
        "bigserial" | "serial8" => {
            serial = true;
            "bigint".to_owned()
        }
        "smallserial" | "serial2" => {
            serial = true;
            "smallint".to_owned()
        }
        "varchar" | "character varying" => with_args("character varying"),
        "char" | "character" | "bpchar" => format!("character({})", args.clone().unwrap_or_else(|| "1".to_owned())),
        "bool" | "boolean" => "boolean".to_owned(),
        "numeric" | "decimal" => match args.as_deref() {
            Some(a) if !a.contains(',') => format!("numeric({a},0)"),
            _ => with_args("numeric"),
        },
        "real" | "float4" => "real".to_owned(),
        "double precision" | "float8" | "double" => "double precision".to_owned(),
        "float" => match args.as_deref().and_then(|a| a.parse::<u32>().ok()) {
            Some(p) if p <= 24 => "real".to_owned(),
            _ => "double precision".to_owned(),
        },
        "timestamptz" | "timestamp with time zone" => with_time("timestamp", args.as_deref(), true),
        "timestamp" | "timestamp without time zone" => with_time("timestamp", args.as_deref(), false),
        "timetz" | "time with time zone" => with_time("time", args.as_deref(), true),
        "time" | "time without time zone" => with_time("time", args.as_deref(), false),
        _ => {
            // A user-defined type: quoted parts keep their case, unquoted ones fold.
            let original = written.trim().trim_end_matches("[]").trim_end_matches("[]");
            let type_name = original.split('(').next().unwrap_or(original).trim();
            let parts: Vec<String> = type_name
                .split('.')
                .map(|part| match part.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
                    Some(quoted) => quoted.to_owned(),
                    None => part.to_lowercase(),
                })
                .collect();
            let lookup = parts.join(".");
            if let Some(name) = enum_name(&lookup) {
                name
            } else {
                let printed: Vec<String> = parts.iter().map(|p| quote_ident(p)).collect();
                let printed = printed.join(".");
                with_args(printed.strip_prefix("public.").unwrap_or(&printed))
            }
        }
    };
    // `format_type` prints one `[]` whatever the number of dimensions.
    let name = if dimensions > 0 { format!("{name}[]") } else { name };
    NormalizedType { name, serial }
}

pub use lockstep_schema::quote_ident;

fn with_time(base: &str, precision: Option<&str>, zone: bool) -> String {
    let precision = precision.map_or(String::new(), |p| format!("({p})"));
    let zone = if zone { "with" } else { "without" };
    format!("{base}{precision} {zone} time zone")
}

/// Parses an expression, unless it chains more operators than [`crate::limits::MAX_SQL_CHAIN`]:
/// such text is compared as written.
fn parse_expr(text: &str) -> Option<Expr> {
    if crate::limits::chain_too_long(text).is_some() {
        return None;
    }
    let dialect = PostgreSqlDialect {};
    Parser::new(&dialect).try_with_sql(text).and_then(|mut parser| parser.parse_expr()).ok()
}

/// Normalises an SQL expression's text. Text that does not parse is only folded: whitespace
/// collapsed and lower-cased outside quotes.
pub fn normalize_expr(text: &str) -> String {
    memo::remembered(&memo::NORMALIZED, text, normalize_uncached)
}

fn normalize_uncached(text: &str) -> String {
    let parsed = parse_expr(text);
    match parsed {
        Some(expr) => fold_case(&crate::parens::parenthesize(simplify(expr)).to_string()),
        None => fold_case(&text.split_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

/// An expression of a schema: its normalised text with its canonical form, computed once here
/// so that rules and the diff compare values and never parse.
pub fn schema_expr(text: String) -> SchemaExpr {
    let canonical = canonical_expr(&text);
    SchemaExpr::new(text, canonical)
}

/// A form for comparing conditions by meaning: normalised, then with the operands of `=` and
/// `<>` and the terms of `and`/`or` chains in a fixed order, and `(select f())` read as
/// `f()` (the wrapper Supabase recommends for performance changes nothing about the rows).
pub fn canonical_expr(text: &str) -> String {
    memo::remembered(&memo::CANONICAL, text, canonical_uncached)
}

fn canonical_uncached(text: &str) -> String {
    match parse_expr(text) {
        Some(expr) => fold_case(&crate::parens::parenthesize(canonicalize(simplify(expr))).to_string()),
        None => normalize_expr(text),
    }
}

/// Forms already computed on this thread, by text. A schema repeats a few expressions
/// thousands of times (`now()`, `gen_random_uuid()`, `false`, `auth.uid() = user_id`), and
/// parsing each again was most of a large replay's time. Bounded: only short texts are kept,
/// and a full memo starts over, so hostile input cannot grow it.
mod memo {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::thread::LocalKey;

    pub type Memo = RefCell<HashMap<Box<str>, Box<str>>>;

    thread_local! {
        pub static CANONICAL: Memo = RefCell::new(HashMap::new());
        pub static NORMALIZED: Memo = RefCell::new(HashMap::new());
    }

    const MAX_TEXT: usize = 256;
    const MAX_ENTRIES: usize = 4096;

    pub fn remembered(memo: &'static LocalKey<Memo>, text: &str, compute: fn(&str) -> String) -> String {
        if text.len() > MAX_TEXT {
            return compute(text);
        }
        if let Some(hit) = memo.with_borrow(|m| m.get(text).map(ToString::to_string)) {
            return hit;
        }
        let form = compute(text);
        memo.with_borrow_mut(|m| {
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(text.into(), form.as_str().into());
        });
        form
    }
}

fn canonicalize(expr: Expr) -> Expr {
    match expr {
        Expr::BinaryOp { left, op: op @ (BinaryOperator::And | BinaryOperator::Or), right } => {
            let mut terms = Vec::new();
            flatten(Expr::BinaryOp { left, op: op.clone(), right }, &op, &mut terms);
            let mut terms: Vec<Expr> = terms.into_iter().map(canonicalize).collect();
            terms.sort_by_key(ToString::to_string);
            terms.dedup();
            let first = terms.remove(0);
            terms.into_iter().fold(first, |acc, term| Expr::BinaryOp {
                left: Box::new(acc),
                op: op.clone(),
                right: Box::new(term),
            })
        }
        Expr::BinaryOp { left, op: op @ (BinaryOperator::Eq | BinaryOperator::NotEq), right } => {
            let (mut a, mut b) = (canonicalize(*left), canonicalize(*right));
            if a.to_string() > b.to_string() {
                std::mem::swap(&mut a, &mut b);
            }
            Expr::BinaryOp { left: Box::new(a), op, right: Box::new(b) }
        }
        Expr::BinaryOp { left, op, right } => {
            Expr::BinaryOp { left: Box::new(canonicalize(*left)), op, right: Box::new(canonicalize(*right)) }
        }
        Expr::UnaryOp { op, expr } => Expr::UnaryOp { op, expr: Box::new(canonicalize(*expr)) },
        Expr::Subquery(query) => match lone_function(&query) {
            Some(function) => function,
            None => Expr::Subquery(query),
        },
        Expr::In { expr, target: InTarget::List(mut list), negated, global } => {
            list.sort_by_key(ToString::to_string);
            Expr::In { expr: Box::new(canonicalize(*expr)), target: InTarget::List(list), negated, global }
        }
        // `"status"` and `status` name the same column, `"gen_random_uuid"()` and
        // `gen_random_uuid()` the same function, when the quoted name needs no quotes (dumps
        // quote every name).
        Expr::Identifier(mut ident) => {
            unquote(&mut ident);
            Expr::Identifier(ident)
        }
        Expr::CompoundIdentifier(mut parts) => {
            parts.iter_mut().for_each(unquote);
            Expr::CompoundIdentifier(parts)
        }
        Expr::Function(mut function) => {
            for part in &mut function.name.0 {
                if let sqlparser::ast::ObjectNamePart::Identifier(ident) = part {
                    unquote(ident);
                }
            }
            Expr::Function(function)
        }
        other => other,
    }
}

fn unquote(ident: &mut Ident) {
    if ident.quote_style == Some('"') && quote_ident(&ident.value) == ident.value {
        ident.quote_style = None;
    }
}

fn flatten(expr: Expr, op: &BinaryOperator, out: &mut Vec<Expr>) {
    match expr {
        Expr::BinaryOp { left, op: inner, right } if &inner == op => {
            flatten(*left, op, out);
            flatten(*right, op, out);
        }
        Expr::Nested(inner) => flatten(*inner, op, out),
        other => out.push(other),
    }
}

/// `f()` when the query is `select f()` alone: no `FROM`, no `WHERE`, one column.
fn lone_function(query: &Query) -> Option<Expr> {
    let SetExpr::Select(select) = query.body.as_ref() else { return None };
    if !select.from.is_empty() || select.selection.is_some() || select.projection.len() != 1 {
        return None;
    }
    match &select.projection[0] {
        SelectItem::UnnamedExpr(expr @ Expr::Function(_))
        | SelectItem::ExprWithAlias { expr: expr @ Expr::Function(_), .. } => Some(expr.clone()),
        _ => None,
    }
}

/// Normalises an already parsed expression.
pub fn normalize_parsed(expr: &Expr) -> String {
    fold_case(&crate::parens::parenthesize(simplify(expr.clone())).to_string())
}

fn simplify(expr: Expr) -> Expr {
    simplify_in(expr, &[])
}

/// Simplifies the left spine of a chain of binary operators (`a + b + c` is `(a + b) + c`) in
/// a loop: the recursive `simplify_in` has a large frame, and the chain may be long.
fn simplify_chain(expr: Expr, tables: &[String]) -> Expr {
    let mut spine = Vec::new();
    let mut left = expr;
    while let Expr::BinaryOp { left: inner, op, right } = left {
        spine.push((op, right));
        left = *inner;
    }
    let mut out = simplify_in(left, tables);
    while let Some((op, right)) = spine.pop() {
        out = Expr::BinaryOp { left: Box::new(out), op, right: Box::new(simplify_in(*right, tables)) };
    }
    out
}

/// Simplifies `expr`; `tables` are the unaliased tables of the enclosing subquery, whose
/// qualifiers Postgres adds when it prints the expression back.
#[expect(clippy::too_many_lines, reason = "one arm per expression form; splitting would scatter the rules")]
fn simplify_in(expr: Expr, tables: &[String]) -> Expr {
    let simplify = |e: Expr| simplify_in(e, tables);
    match expr {
        Expr::Nested(inner) => simplify(*inner),
        Expr::CompoundIdentifier(mut parts) if parts.len() == 2 && tables.contains(&fold_case(&parts[0].value)) => {
            Expr::Identifier(parts.remove(1))
        }
        Expr::Value(ValueWithSpan { value: Value::EscapedStringLiteral(s), span }) => {
            Expr::Value(ValueWithSpan { value: Value::SingleQuotedString(s), span })
        }
        Expr::Interval(interval) if interval.leading_field.is_none() && interval.last_field.is_none() => {
            simplify(*interval.value)
        }
        Expr::AtTimeZone { timestamp, time_zone } => {
            Expr::AtTimeZone { timestamp: Box::new(simplify(*timestamp)), time_zone: Box::new(simplify(*time_zone)) }
        }
        // Postgres stores `x between a and b` as `x >= a and x <= b`.
        Expr::Between { expr, negated, low, high } => {
            let (x, low, high) = (simplify(*expr), simplify(*low), simplify(*high));
            let (lower, upper, join) = if negated {
                (BinaryOperator::Lt, BinaryOperator::Gt, BinaryOperator::Or)
            } else {
                (BinaryOperator::GtEq, BinaryOperator::LtEq, BinaryOperator::And)
            };
            Expr::BinaryOp {
                left: Box::new(Expr::BinaryOp { left: Box::new(x.clone()), op: lower, right: Box::new(low) }),
                op: join,
                right: Box::new(Expr::BinaryOp { left: Box::new(x), op: upper, right: Box::new(high) }),
            }
        }
        Expr::Cast { kind: CastKind::DoubleColon | CastKind::Cast, expr, data_type, format: None } => {
            let inner = simplify(*expr);
            match inner {
                Expr::Value(ValueWithSpan { value: Value::SingleQuotedString(s), span }) => {
                    let numeric = is_numeric_type(&data_type.to_string());
                    if numeric && s.parse::<f64>().is_ok() {
                        Expr::Value(ValueWithSpan { value: Value::Number(s, false), span })
                    } else {
                        Expr::Value(ValueWithSpan { value: Value::SingleQuotedString(s), span })
                    }
                }
                literal @ Expr::Value(_) => literal,
                Expr::Array(mut array) if data_type.to_string().ends_with("[]") => {
                    array.elem = array.elem.into_iter().map(simplify).collect();
                    Expr::Array(array)
                }
                other => Expr::Cast { kind: CastKind::DoubleColon, expr: Box::new(other), data_type, format: None },
            }
        }
        Expr::UnaryOp { op: sqlparser::ast::UnaryOperator::Minus, expr } => match simplify(*expr) {
            Expr::Value(ValueWithSpan { value: Value::Number(n, long), span }) => {
                Expr::Value(ValueWithSpan { value: Value::Number(format!("-{n}"), long), span })
            }
            other => Expr::UnaryOp { op: sqlparser::ast::UnaryOperator::Minus, expr: Box::new(other) },
        },
        Expr::UnaryOp { op, expr } => Expr::UnaryOp { op, expr: Box::new(simplify(*expr)) },
        binary @ Expr::BinaryOp { .. } => simplify_chain(binary, tables),
        Expr::AnyOp { left, compare_op: BinaryOperator::Eq, right, is_some } => match simplify(*right) {
            Expr::Array(array) => Expr::In {
                expr: Box::new(simplify(*left)),
                target: InTarget::List(array.elem),
                negated: false,
                global: false,
            },
            other => Expr::AnyOp {
                left: Box::new(simplify(*left)),
                compare_op: BinaryOperator::Eq,
                right: Box::new(other),
                is_some,
            },
        },
        Expr::In { expr, target: InTarget::List(list), negated, global } => Expr::In {
            expr: Box::new(simplify(*expr)),
            target: InTarget::List(list.into_iter().map(simplify).collect()),
            negated,
            global,
        },
        Expr::IsNull(inner) => Expr::IsNull(Box::new(simplify(*inner))),
        Expr::IsNotNull(inner) => Expr::IsNotNull(Box::new(simplify(*inner))),
        Expr::Function(mut function) => {
            if let FunctionArguments::List(list) = &mut function.args {
                for arg in &mut list.args {
                    if let FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) = arg {
                        *e = simplify_in(e.clone(), tables);
                    }
                }
            }
            Expr::Function(function)
        }
        Expr::Array(mut array) => {
            array.elem = array.elem.into_iter().map(simplify).collect();
            Expr::Array(array)
        }
        // Postgres prints `trim(x)` as `TRIM(BOTH x)`.
        Expr::Trim { expr, trim_where, trim_what, trim_characters } => Expr::Trim {
            expr: Box::new(simplify(*expr)),
            trim_where: Some(trim_where.unwrap_or(sqlparser::ast::TrimWhereField::Both)),
            trim_what: trim_what.map(|w| Box::new(simplify(*w))),
            trim_characters,
        },
        Expr::Exists { subquery, negated } => Expr::Exists { subquery: Box::new(simplify_query(*subquery)), negated },
        Expr::Subquery(query) => Expr::Subquery(Box::new(simplify_query(*query))),
        Expr::In { expr, target: InTarget::Subquery(query), negated, global } => Expr::In {
            expr: Box::new(simplify(*expr)),
            target: InTarget::Subquery(Box::new(simplify_query(*query))),
            negated,
            global,
        },
        other => other,
    }
}

/// Simplifies a subquery's select list and `WHERE`, where policies keep their joins.
fn simplify_query(mut query: Query) -> Query {
    if let SetExpr::Select(select) = query.body.as_mut() {
        let tables: Vec<String> = select
            .from
            .iter()
            .filter_map(|from| match &from.relation {
                TableFactor::Table { name, alias: None, .. } => name.0.last().map(|part| fold_case(&part.to_string())),
                _ => None,
            })
            .collect();
        select.selection = select.selection.take().map(|e| simplify_in(e, &tables));
        select.projection = std::mem::take(&mut select.projection)
            .into_iter()
            .map(|item| match item {
                SelectItem::UnnamedExpr(e) => SelectItem::UnnamedExpr(simplify_in(e, &tables)),
                // Postgres names a function column after the function: `auth.uid() AS uid`.
                SelectItem::ExprWithAlias { expr, alias } => {
                    let expr = simplify_in(expr, &tables);
                    let implied = matches!(&expr, Expr::Function(f) if f.name.0.last().is_some_and(|p| fold_case(&p.to_string()) == fold_case(&alias.value)));
                    if implied { SelectItem::UnnamedExpr(expr) } else { SelectItem::ExprWithAlias { expr, alias } }
                }
                other => other,
            })
            .collect();
    }
    query
}

/// Normalises a policy or check expression of `table`: Postgres qualifies the table's own
/// columns inside subqueries (`orders.customer_id`), which a migration rarely writes.
pub fn normalize_table_expr(text: &str, table: &str) -> String {
    unqualify(&normalize_expr(text), table)
}

/// Removes `table.` before identifiers, outside quotes.
pub fn unqualify(expression: &str, table: &str) -> String {
    let prefix = format!("{table}.");
    let mut out = String::with_capacity(expression.len());
    let mut quote: Option<char> = None;
    let mut rest = expression;
    while let Some(c) = rest.chars().next() {
        if quote.is_none()
            && rest.starts_with(&prefix)
            && !out.ends_with(|p: char| p.is_alphanumeric() || p == '_' || p == '.')
        {
            rest = &rest[prefix.len()..];
            continue;
        }
        match quote {
            Some(q) if c == q => quote = None,
            None if c == '\'' || c == '"' => quote = Some(c),
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn is_numeric_type(name: &str) -> bool {
    let lower = name.to_lowercase();
    ["int", "numeric", "decimal", "real", "double", "float", "serial"]
        .iter()
        .any(|n| lower.starts_with(n) || lower.contains(&format!(" {n}")))
        || lower == "bigint"
        || lower == "smallint"
}

/// A default as Postgres stores it for a column of type `ty`: a quoted number given to a
/// numeric column becomes that number (`'-1.5'` → `-1.5`), since the literal is coerced to the
/// column's type when the default is stored.
pub fn coerce_default(default: String, ty: &str) -> String {
    let numeric = is_numeric_type(ty) || ty == "real" || ty.starts_with("double");
    match default.strip_prefix('\'').and_then(|d| d.strip_suffix('\'')) {
        Some(inner) if numeric && inner.parse::<f64>().is_ok() => inner.to_owned(),
        _ => default,
    }
}

/// Lower-cases everything outside single-quoted strings and double-quoted identifiers.
pub fn fold_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => out.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

pub use lockstep_schema::without_time_precision;

#[cfg(test)]
mod tests {
    use super::*;

    /// The equivalence classes of defaults are written in canonical form, so a comparison of
    /// canonical forms finds them.
    #[test]
    fn default_equivalences_are_canonical() {
        for class in lockstep_schema::equivalence::DEFAULT_EQUIVALENCES {
            for spelling in *class {
                assert_eq!(canonical_expr(spelling), *spelling);
            }
        }
    }

    fn ty(written: &str) -> String {
        normalize_type(written, &|name| (name == "order_status").then(|| "order_status".to_owned())).name
    }

    #[test]
    fn types_are_spelt_as_format_type_prints_them() {
        assert_eq!(ty("int"), "integer");
        assert_eq!(ty("INT8"), "bigint");
        assert_eq!(ty("varchar(80)"), "character varying(80)");
        assert_eq!(ty("character varying"), "character varying");
        assert_eq!(ty("char"), "character(1)");
        assert_eq!(ty("numeric(10, 2)"), "numeric(10,2)");
        assert_eq!(ty("decimal(8)"), "numeric(8,0)");
        assert_eq!(ty("timestamptz"), "timestamp with time zone");
        assert_eq!(ty("timestamp(3)"), "timestamp(3) without time zone");
        assert_eq!(ty("TIMESTAMP WITH TIME ZONE"), "timestamp with time zone");
        assert_eq!(ty("text[][]"), "text[]");
        assert_eq!(ty("float"), "double precision");
        assert_eq!(ty("float(10)"), "real");
        assert_eq!(ty("order_status"), "order_status");
        assert_eq!(ty("public.citext"), "citext");
        assert!(normalize_type("bigserial", &|_| None).serial);
    }

    #[test]
    fn canonical_forms_ignore_operand_order_and_select_wrappers() {
        assert_eq!(canonical_expr("auth.uid() = user_id"), canonical_expr("(user_id = auth.uid())"));
        assert_eq!(canonical_expr("user_id = (select auth.uid())"), canonical_expr("auth.uid() = user_id"));
        assert_eq!(canonical_expr("a = 1 and (b = 2 and c = 3)"), canonical_expr("c = 3 and b = 2 and a = 1"));
        assert_ne!(canonical_expr("a = 1 and b = 2"), canonical_expr("a = 1 or b = 2"));
        assert_eq!(canonical_expr("x in ('b', 'a')"), canonical_expr("x = ANY (ARRAY['a'::text, 'b'::text])"));
    }

    #[test]
    fn expressions_compare_equal_after_normalisation() {
        assert_eq!(normalize_expr("(auth.uid() = user_id)"), normalize_expr("auth.uid() = user_id"));
        assert_eq!(normalize_expr("'pending'::order_status"), normalize_expr("'pending'"));
        assert_eq!(normalize_expr("NOW()"), "now()");
        assert_eq!(normalize_expr("'-1'::integer"), normalize_expr("-1"));
        assert_eq!(
            normalize_expr("(status = ANY (ARRAY['a'::text, 'b'::text]))"),
            normalize_expr("status in ('a', 'b')")
        );
        assert_eq!(normalize_expr("'{}'::text[]"), "'{}'");
        assert_eq!(normalize_expr("'It''s'::text"), normalize_expr("'It''s'"));
        assert_eq!(normalize_expr("\"Mixed\" = 'X'"), "\"Mixed\" = 'X'");
        assert_eq!(normalize_expr("x between 1 and 5"), normalize_expr("((x >= 1) AND (x <= 5))"));
        assert_eq!(normalize_expr("now() + interval '7 days'"), normalize_expr("(now() + '7 days'::interval)"));
        assert_eq!(normalize_expr("E'a\\tb'"), normalize_expr("'a\tb'"));
        assert_eq!(
            normalize_expr("owner = (select auth.uid())"),
            normalize_expr("(owner = ( SELECT auth.uid() AS uid))")
        );
        assert_eq!(
            normalize_expr("id in (select org_id from memberships where user_id = auth.uid())"),
            normalize_expr(
                "(id IN ( SELECT memberships.org_id FROM memberships WHERE (memberships.user_id = auth.uid())))"
            )
        );
        assert_eq!(
            normalize_table_expr(
                "(EXISTS ( SELECT 1 FROM orders o WHERE ((o.id = items.order_id) AND (o.owner = auth.uid()))))",
                "items"
            ),
            normalize_table_expr(
                "exists (select 1 from orders o where o.id = order_id and o.owner = auth.uid())",
                "items"
            )
        );
    }
}
