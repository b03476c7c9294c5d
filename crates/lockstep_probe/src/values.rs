//! Values the contract calls valid, made from shapes: one sample per scalar, enum and object,
//! every key under its API name, optional keys included.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use lockstep_contract::model::{Contract, FieldNames, Scalar, Shape, json_fields};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

/// Objects nested deeper than this are sent empty: a recursive type has no finite sample.
const MAX_DEPTH: usize = 8;

/// Which valid values to make.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Plain values any app takes.
    Typical,
    /// Values at the edges of what the contract allows: integers at their type's maximum, text
    /// with a NUL character and non-ASCII letters. Valid all the same; an app that fails on
    /// them breaks its contract.
    Edge,
}

pub fn sample(contract: &Contract, shape: &Shape) -> Value {
    sample_at(contract, shape, Flavor::Typical, 0)
}

pub fn sample_of(contract: &Contract, shape: &Shape, flavor: Flavor) -> Value {
    sample_at(contract, shape, flavor, 0)
}

fn sample_at(contract: &Contract, shape: &Shape, flavor: Flavor, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Object(Map::new());
    }
    match shape {
        Shape::Scalar(scalar) if flavor == Flavor::Edge => edge_sample(*scalar),
        Shape::Scalar(scalar) => scalar_sample(*scalar),
        Shape::Enum(name) => {
            contract.enumeration(name).and_then(|e| e.values.first()).map_or(Value::Null, |v| json!(v.name))
        }
        Shape::Array(inner) => json!([sample_at(contract, inner, flavor, depth + 1)]),
        Shape::Nullable(inner) => sample_at(contract, inner, flavor, depth),
        Shape::Entity(_) | Shape::Type(_) | Shape::Select { .. } | Shape::Object(_) => {
            match json_fields(contract, shape, FieldNames::Api) {
                Some(fields) => Value::Object(
                    fields
                        .iter()
                        .map(|f| (f.name.to_owned(), sample_at(contract, &f.shape, flavor, depth + 1)))
                        .collect(),
                ),
                // A named type that is not an object (`type Id = uuid`).
                None => match shape {
                    Shape::Type(name) => contract
                        .type_def(name)
                        .map_or(Value::Null, |t| sample_at(contract, &t.shape, flavor, depth + 1)),
                    _ => Value::Null,
                },
            }
        }
    }
}

fn edge_sample(scalar: Scalar) -> Value {
    match scalar {
        Scalar::Text => json!("lockstep \u{0} ünïcødé ✓"),
        Scalar::SmallInt => json!(i16::MAX),
        Scalar::Int => json!(i32::MAX),
        // The largest integer a JavaScript number holds exactly.
        Scalar::BigInt => json!(9_007_199_254_740_991_i64),
        other => scalar_sample(other),
    }
}

pub fn scalar_sample(scalar: Scalar) -> Value {
    match scalar {
        Scalar::Uuid => json!(unique_uuid()),
        Scalar::Text | Scalar::Tsvector => json!("lockstep"),
        Scalar::Varchar(n) | Scalar::Char(n) => {
            let len = n.map_or(8, |n| n.clamp(1, 8)) as usize;
            json!("lockstep"[..len])
        }
        Scalar::SmallInt | Scalar::Int | Scalar::BigInt => json!(1),
        Scalar::Numeric(_) | Scalar::Real | Scalar::Double => json!(1.5),
        Scalar::Bool => json!(true),
        Scalar::Date => json!("2024-01-02"),
        Scalar::Time => json!("12:00:00"),
        Scalar::Timestamp | Scalar::Timestamptz => json!("2024-01-02T03:04:05Z"),
        Scalar::Interval => json!("1 hour"),
        Scalar::Json | Scalar::Jsonb => json!({}),
        Scalar::Bytea => json!("\\x00"),
        Scalar::Vector(n) => Value::Array(vec![json!(0.0); n.map_or(3, |n| n.min(4096)) as usize]),
        Scalar::Inet => json!("127.0.0.1"),
        Scalar::Cidr => json!("10.0.0.0/8"),
        Scalar::Macaddr => json!("08:00:2b:01:02:03"),
    }
}

/// A value of the wrong JSON type for `shape`: a number where text is declared, text elsewhere.
pub fn wrong_type(shape: &Shape) -> Value {
    match shape {
        Shape::Nullable(inner) => wrong_type(inner),
        Shape::Scalar(
            Scalar::SmallInt
            | Scalar::Int
            | Scalar::BigInt
            | Scalar::Numeric(_)
            | Scalar::Real
            | Scalar::Double
            | Scalar::Bool,
        ) => {
            json!("not-a-number")
        }
        Shape::Scalar(Scalar::Json | Scalar::Jsonb) => Value::Null,
        _ => json!(12345),
    }
}

/// A fresh random-looking v4 UUID, unique within the run and across runs (time, process and a
/// counter hashed): every created resource and delivered event gets its own.
pub fn unique_uuid() -> String {
    let bytes = unique_bytes();
    let mut b = [0u8; 16];
    b.copy_from_slice(&bytes[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = hex(&b);
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// A short unique token for ids that are text: `evt_lockstep_3f2a...`.
pub fn unique_token(prefix: &str) -> String {
    format!("{prefix}{}", hex(&unique_bytes()[..10]))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn unique_bytes() -> [u8; 32] {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut hasher = Sha256::new();
    hasher.update(nanos.to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    hasher.finalize().into()
}

/// The other casing of a key: `ownerId` → `owner_id`, `owner_id` → `ownerId`; `None` when both
/// spell the same.
pub fn other_casing(key: &str) -> Option<String> {
    let other = if key.contains('_') {
        let mut out = String::new();
        let mut upper = false;
        for c in key.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    } else {
        let mut out = String::new();
        for c in key.chars() {
            if c.is_uppercase() {
                out.push('_');
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    };
    (other != key).then_some(other)
}

/// Two keys that differ only in casing convention (`ownerId`, `owner_id`, `OwnerID`).
pub fn same_words(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect::<String>();
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::{other_casing, same_words, unique_uuid};

    #[test]
    fn casings_swap() {
        assert_eq!(other_casing("ownerId").as_deref(), Some("owner_id"));
        assert_eq!(other_casing("owner_id").as_deref(), Some("ownerId"));
        assert_eq!(other_casing("title"), None);
        assert!(same_words("ownerId", "owner_id"));
        assert!(!same_words("owner", "owner_id"));
    }

    #[test]
    fn uuids_are_v4_shaped_and_unique() {
        let (a, b) = (unique_uuid(), unique_uuid());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
    }
}
