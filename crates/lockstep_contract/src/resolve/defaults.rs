//! Whether a literal default fits its declared type: the defaults of `type` fields, query and
//! header parameters and function arguments, and the range of integer defaults everywhere. A
//! default that does not fit would be sent or stored as something the contract says it is not.

use lockstep_diagnostics::{Diagnostic, Span};

use super::Resolver;
use crate::diagnostics as diag;
use crate::model::{Literal, Scalar, Shape};

/// Why an integer literal does not fit `scalar` (an integer type), if it does not. A fraction
/// is refused only when `whole` is asked (an API value); a column rounds it.
pub(super) fn integer_problem(scalar: Scalar, text: &str, whole: bool) -> Option<String> {
    let (name, min, max) = match scalar {
        Scalar::SmallInt => ("smallint", i64::from(i16::MIN), i64::from(i16::MAX)),
        Scalar::Int => ("int", i64::from(i32::MIN), i64::from(i32::MAX)),
        Scalar::BigInt => ("bigint", i64::MIN, i64::MAX),
        _ => return None,
    };
    let digits = text.replace('_', "");
    let (integral, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    if whole && fraction.trim_end_matches('0').chars().any(|c| c.is_ascii_digit()) {
        return Some(format!("`{text}` is not a whole number, and `{name}` holds whole numbers"));
    }
    let unsigned = integral.strip_prefix('-').unwrap_or(integral);
    if unsigned.is_empty()
        || !unsigned.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Some(format!("`{text}` is not a number"));
    }
    match integral.parse::<i64>() {
        Ok(value) if (min..=max).contains(&value) => None,
        _ => Some(format!("`{text}` is out of range for `{name}` ({min} to {max})")),
    }
}

impl Resolver<'_> {
    /// Reports `default` (written at `span`) when it does not fit `shape`; `optional` fields
    /// may default to `null`.
    pub(super) fn check_shape_default(&mut self, shape: &Shape, optional: bool, default: &Literal, span: Span) {
        if let Some(problem) = self.default_problem(shape, optional, default) {
            let diagnostic = Diagnostic::error(diag::INVALID_DEFAULT, "this default does not fit its type")
                .at(span, problem)
                .help("write a value of the declared type, or change the type");
            self.report(diagnostic);
        }
    }

    fn default_problem(&self, shape: &Shape, optional: bool, default: &Literal) -> Option<String> {
        let found = describe(default);
        if optional && *default == Literal::Null {
            return None;
        }
        match (shape, default) {
            (Shape::Nullable(_), Literal::Null)
            | (Shape::Scalar(Scalar::Json | Scalar::Jsonb), _)
            | (Shape::Scalar(Scalar::Bool), Literal::Bool(_))
            | (Shape::Scalar(Scalar::Vector(_)), Literal::List(_)) => None,
            (Shape::Nullable(inner), _) => self.default_problem(inner, false, default),
            (Shape::Scalar(s), Literal::Number(text)) if s.is_integer() => integer_problem(*s, text, true),
            (Shape::Scalar(s), Literal::Number(text)) if s.is_numeric() => {
                text.replace('_', "").parse::<f64>().map_or(Some(format!("`{text}` is not a number")), |n| {
                    (!n.is_finite()).then(|| format!("`{text}` is not a finite number"))
                })
            }
            (Shape::Scalar(s), Literal::String(_))
                if s.is_textual()
                    || s.is_temporal()
                    || matches!(
                        s,
                        Scalar::Uuid
                            | Scalar::Interval
                            | Scalar::Bytea
                            | Scalar::Tsvector
                            | Scalar::Inet
                            | Scalar::Cidr
                            | Scalar::Macaddr
                    ) =>
            {
                None
            }
            (Shape::Enum(name), Literal::String(value)) => {
                let values = self.contract.enumeration(name).map(|e| &e.values)?;
                (!values.iter().any(|v| v.name == *value)).then(|| format!("`{value}` is not a value of `{name}`"))
            }
            (Shape::Array(inner), Literal::List(items)) => {
                items.iter().find_map(|item| self.default_problem(inner, false, item))
            }
            (Shape::Scalar(s), _) => Some(format!("{found} does not fit `{}`", s.contract_name())),
            (Shape::Enum(name), _) => Some(format!("{found} does not fit enum `{name}`; write one of its values")),
            (Shape::Array(_), _) => Some(format!("{found} does not fit a list; write `[...]`")),
            (Shape::Entity(name) | Shape::Type(name) | Shape::Select { base: name, .. }, _) => {
                Some(format!("{found} does not fit `{name}`, which is an object"))
            }
            (Shape::Object(_), _) => Some(format!("{found} does not fit an object")),
        }
    }
}

fn describe(literal: &Literal) -> String {
    match literal {
        Literal::String(value) => format!("the string {value:?}"),
        Literal::Number(text) => format!("the number `{text}`"),
        Literal::Bool(value) => format!("`{value}`"),
        Literal::Null => "`null`".to_owned(),
        Literal::List(_) => "a list".to_owned(),
    }
}
