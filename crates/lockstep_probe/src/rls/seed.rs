//! The rows the RLS tests act on: fresh rows owned by a given user, with every other required
//! field given a fresh value of its type, inserted as the table's owner.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use lockstep_contract::model::{AuthProperty, Contract, Entity, Field, FieldType, ForeignTarget, PolicyExpr, Scalar};
use lockstep_db::lower::column_type;
use postgres::Transaction;

use super::{Probe, Row, query_error};
use crate::db::quote;
use crate::values::{unique_token, unique_uuid};

impl Probe<'_> {
    /// Inserts a row owned by `owner` as the table's owner; its key, and the statement.
    pub(super) fn seed(&self, tx: &mut Transaction, owner: &str, label: &'static str) -> Result<(Row, String), String> {
        let (columns, values) = self.row_values(owner)?;
        let sql = format!("insert into {} ({columns}) values ({values})", self.table);
        let row = tx
            .query_one(&format!("{sql} returning {}::text", self.pk), &[])
            .map_err(|e| query_error(&e).to_string())?;
        Ok((Row { key: row.get(0), owner: label }, format!("{sql};\n")))
    }

    /// Column list and SQL values for a new row owned by `owner`: owner fields set to it,
    /// fields with a default or that may be null left out, the rest given a fresh sample.
    pub(super) fn row_values(&self, owner: &str) -> Result<(String, String), String> {
        let (mut columns, mut values) = (Vec::new(), Vec::new());
        for field in &self.entity.fields {
            let value = if self.owners.iter().any(|f| f.name == field.name) {
                format!("'{owner}'::{}", column_type(self.contract, &field.ty))
            } else if self.entity.primary_key == [field.name.as_str()] && field.ty == FieldType::Scalar(Scalar::Uuid) {
                // A key of our own rather than the default's, so the reproducer's statements
                // name the same rows when run again.
                format!("'{}'::uuid", unique_uuid())
            } else if field.default.is_some() || field.nullable {
                continue;
            } else if let Some(reference) = &field.references
                && matches!(&reference.target, ForeignTarget::Entity(_))
            {
                let ForeignTarget::Entity(other) = &reference.target else { unreachable!() };
                return Err(format!("`{}` needs a row of {other}", field.name));
            } else {
                literal(self.contract, field)
            };
            columns.push(quote(&field.db_name));
            values.push(value);
        }
        let mut columns_text = String::new();
        for (i, c) in columns.iter().enumerate() {
            let _ = write!(columns_text, "{}{c}", if i == 0 { "" } else { ", " });
        }
        Ok((columns_text, values.join(", ")))
    }
}

/// A fresh SQL value for a field, cast to its column type; unique, for unique columns.
fn literal(contract: &Contract, field: &Field) -> String {
    let ty = column_type(contract, &field.ty);
    let text = match &field.ty {
        FieldType::Enum(name) => {
            contract.enumeration(name).and_then(|e| e.values.first()).map_or_else(String::new, |v| v.name.clone())
        }
        FieldType::Array(_) => "{}".to_owned(),
        FieldType::Scalar(scalar) => match scalar {
            Scalar::Uuid => unique_uuid(),
            Scalar::SmallInt => "1".to_owned(),
            Scalar::Int | Scalar::BigInt | Scalar::Numeric(_) | Scalar::Real | Scalar::Double => {
                // Distinct per row, within a small int's range of the unique token's bits.
                let token = unique_token("");
                (u32::from_str_radix(&token[..6], 16).unwrap_or(1) % 1_000_000 + 1).to_string()
            }
            Scalar::Bool => "true".to_owned(),
            Scalar::Date => "2024-01-02".to_owned(),
            Scalar::Time => "12:00:00".to_owned(),
            Scalar::Timestamp | Scalar::Timestamptz => "2024-01-02 03:04:05+00".to_owned(),
            Scalar::Interval => "1 hour".to_owned(),
            Scalar::Json | Scalar::Jsonb => "{}".to_owned(),
            Scalar::Inet => "127.0.0.1".to_owned(),
            Scalar::Cidr => "10.0.0.0/8".to_owned(),
            Scalar::Macaddr => "08:00:2b:01:02:03".to_owned(),
            Scalar::Char(Some(n)) | Scalar::Varchar(Some(n)) if *n < 24 => {
                unique_token("")[..(*n as usize).max(1)].to_owned()
            }
            _ => unique_token("lockstep_"),
        },
    };
    format!("'{}'::{ty}", text.replace('\'', "''"))
}

/// Fields a rule compares with `auth.uid`, and fields that reference `auth.users`.
pub(super) fn owner_fields(entity: &Entity) -> Vec<&Field> {
    let mut names = BTreeSet::new();
    for policy in &entity.policies {
        for expr in policy.using.iter().chain(policy.check.iter()) {
            compared_with_uid(expr, &mut names);
        }
    }
    entity
        .fields
        .iter()
        .filter(|f| {
            names.contains(f.name.as_str())
                || f.references.as_ref().is_some_and(|r| {
                    matches!(&r.target, ForeignTarget::External { schema, table } if schema == "auth" && table == "users")
                })
        })
        .collect()
}

fn compared_with_uid<'e>(expr: &'e PolicyExpr, out: &mut BTreeSet<&'e str>) {
    match expr {
        PolicyExpr::Or(parts) | PolicyExpr::And(parts) => parts.iter().for_each(|p| compared_with_uid(p, out)),
        PolicyExpr::Not(inner) => compared_with_uid(inner, out),
        PolicyExpr::Equals { lhs, rhs, negated: false } => match (lhs.as_ref(), rhs.as_ref()) {
            (PolicyExpr::Field(name), PolicyExpr::Auth(AuthProperty::Uid))
            | (PolicyExpr::Auth(AuthProperty::Uid), PolicyExpr::Field(name)) => {
                out.insert(name);
            }
            _ => {}
        },
        _ => {}
    }
}
