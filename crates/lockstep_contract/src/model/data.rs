//! The data side of the model: enums, entities, fields, keys and column types.

use super::Origin;
use super::ops::Policy;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    pub name: String,
    /// The Postgres type name.
    pub db_name: String,
    pub values: Vec<EnumMember>,
    /// `@was`: the type's previous database name, which `migrate plan` renames.
    pub was: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumMember {
    pub name: String,
    /// `@was`: the value's previous name, which `migrate plan` renames.
    pub was: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub name: String,
    pub schema: String,
    pub table: String,
    pub fields: Vec<Field>,
    /// Field names, in key order. Empty when the entity has no primary key.
    pub primary_key: Vec<String>,
    /// Unique constraints, single- and multi-field, as field names.
    pub uniques: Vec<Vec<String>>,
    pub indexes: Vec<Index>,
    /// `@@check` and `@check` expressions, as SQL text.
    pub checks: Vec<String>,
    pub policies: Vec<Policy>,
    /// `@view`: a view (or materialized view) the app reads; it has columns but no keys,
    /// policies or writes of its own.
    pub view: bool,
    /// `@was`: the table's previous name (in the same schema), which `migrate plan` renames.
    pub was: Option<String>,
    pub origin: Origin,
}

impl Entity {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn field_by_column(&self, column: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.db_name == column)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    pub fields: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The canonical name, as written in the contract.
    pub name: String,
    /// The column name, after naming rules and `@map`.
    pub db_name: String,
    /// The JSON property name, after naming rules and `@map(api: ...)`.
    pub api_name: String,
    pub ty: FieldType,
    pub nullable: bool,
    pub default: Option<Default>,
    pub references: Option<ForeignKey>,
    /// The values a `@check(`status in ('draft', 'sent')`)` allows: how most hand-written
    /// schemas make an enum of a text column. `None` without such a check.
    pub allowed_values: Option<Vec<String>>,
    /// `@was`: the column's previous name, which `migrate plan` renames.
    pub was: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    Scalar(Scalar),
    Enum(String),
    Array(Box<FieldType>),
}

impl FieldType {
    /// The type as the contract spells it: `varchar(80)`, `OrderStatus[]`.
    pub fn contract_name(&self) -> String {
        match self {
            FieldType::Scalar(scalar) => scalar.contract_name(),
            FieldType::Enum(name) => name.clone(),
            FieldType::Array(inner) => format!("{}[]", inner.contract_name()),
        }
    }
}

/// The scalar column types, named as in the contract. `sql_name` gives Postgres's spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    Uuid,
    Text,
    Varchar(Option<u32>),
    Char(Option<u32>),
    SmallInt,
    Int,
    BigInt,
    Numeric(Option<(u32, u32)>),
    Real,
    Double,
    Bool,
    Date,
    Time,
    Timestamp,
    Timestamptz,
    Interval,
    Json,
    Jsonb,
    Bytea,
    /// Full-text search document (`to_tsvector(...)`), usually a generated column.
    Tsvector,
    /// pgvector's embedding, with its dimensions: `vector(1536)`.
    Vector(Option<u32>),
    /// Network addresses (`inet`, `cidr`) and hardware addresses (`macaddr`): strings in JSON.
    Inet,
    Cidr,
    Macaddr,
}

impl Scalar {
    /// Contract spellings, aliases included, for lookups and "did you mean".
    pub const NAMES: [(&'static str, Scalar); 31] = [
        ("uuid", Scalar::Uuid),
        ("text", Scalar::Text),
        ("varchar", Scalar::Varchar(None)),
        ("char", Scalar::Char(None)),
        ("smallint", Scalar::SmallInt),
        ("int", Scalar::Int),
        ("integer", Scalar::Int),
        ("bigint", Scalar::BigInt),
        ("numeric", Scalar::Numeric(None)),
        ("decimal", Scalar::Numeric(None)),
        ("real", Scalar::Real),
        ("double", Scalar::Double),
        ("bool", Scalar::Bool),
        ("boolean", Scalar::Bool),
        ("date", Scalar::Date),
        ("time", Scalar::Time),
        ("timestamp", Scalar::Timestamp),
        ("timestamptz", Scalar::Timestamptz),
        ("interval", Scalar::Interval),
        ("json", Scalar::Json),
        ("jsonb", Scalar::Jsonb),
        ("bytea", Scalar::Bytea),
        ("tsvector", Scalar::Tsvector),
        ("vector", Scalar::Vector(None)),
        ("inet", Scalar::Inet),
        ("cidr", Scalar::Cidr),
        ("macaddr", Scalar::Macaddr),
        ("int2", Scalar::SmallInt),
        ("int4", Scalar::Int),
        ("int8", Scalar::BigInt),
        ("float8", Scalar::Double),
    ];

    pub fn from_name(name: &str) -> Option<Scalar> {
        Scalar::NAMES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    /// The canonical contract spelling, with arguments.
    pub fn contract_name(self) -> String {
        match self {
            Scalar::Varchar(Some(n)) => format!("varchar({n})"),
            Scalar::Char(Some(n)) => format!("char({n})"),
            Scalar::Numeric(Some((p, s))) => format!("numeric({p}, {s})"),
            Scalar::Vector(Some(n)) => format!("vector({n})"),
            other => Scalar::NAMES.iter().find(|(_, s)| *s == other).map_or("text", |(n, _)| n).to_owned(),
        }
    }

    /// The type as Postgres's `format_type` prints it.
    pub fn sql_name(self) -> String {
        match self {
            Scalar::Uuid => "uuid".to_owned(),
            Scalar::Text => "text".to_owned(),
            Scalar::Varchar(None) => "character varying".to_owned(),
            Scalar::Varchar(Some(n)) => format!("character varying({n})"),
            Scalar::Char(None) => "character(1)".to_owned(),
            Scalar::Char(Some(n)) => format!("character({n})"),
            Scalar::SmallInt => "smallint".to_owned(),
            Scalar::Int => "integer".to_owned(),
            Scalar::BigInt => "bigint".to_owned(),
            Scalar::Numeric(None) => "numeric".to_owned(),
            Scalar::Numeric(Some((p, s))) => format!("numeric({p},{s})"),
            Scalar::Real => "real".to_owned(),
            Scalar::Double => "double precision".to_owned(),
            Scalar::Bool => "boolean".to_owned(),
            Scalar::Date => "date".to_owned(),
            Scalar::Time => "time without time zone".to_owned(),
            Scalar::Timestamp => "timestamp without time zone".to_owned(),
            Scalar::Timestamptz => "timestamp with time zone".to_owned(),
            Scalar::Interval => "interval".to_owned(),
            Scalar::Json => "json".to_owned(),
            Scalar::Jsonb => "jsonb".to_owned(),
            Scalar::Bytea => "bytea".to_owned(),
            Scalar::Tsvector => "tsvector".to_owned(),
            Scalar::Vector(None) => "vector".to_owned(),
            Scalar::Vector(Some(n)) => format!("vector({n})"),
            Scalar::Inet => "inet".to_owned(),
            Scalar::Cidr => "cidr".to_owned(),
            Scalar::Macaddr => "macaddr".to_owned(),
        }
    }

    pub fn is_integer(self) -> bool {
        matches!(self, Scalar::SmallInt | Scalar::Int | Scalar::BigInt)
    }

    pub fn is_numeric(self) -> bool {
        self.is_integer() || matches!(self, Scalar::Numeric(_) | Scalar::Real | Scalar::Double)
    }

    pub fn is_temporal(self) -> bool {
        matches!(self, Scalar::Date | Scalar::Time | Scalar::Timestamp | Scalar::Timestamptz)
    }

    pub fn is_textual(self) -> bool {
        matches!(self, Scalar::Text | Scalar::Varchar(_) | Scalar::Char(_))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Default {
    /// `now`: the current timestamp.
    Now,
    /// `random` or `uuid`: `gen_random_uuid()`.
    RandomUuid,
    /// `autoincrement`: an identity column.
    AutoIncrement,
    /// `sequence("name")`: `nextval('name')`.
    Sequence(String),
    Literal(Literal),
    /// A value of the field's enum type.
    EnumValue(String),
    /// Raw SQL, passed through.
    Sql(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Literal {
    String(String),
    /// As written, without unit suffix handling: `20`, `-1.5`.
    Number(String),
    Bool(bool),
    Null,
    List(Vec<Literal>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignKey {
    pub target: ForeignTarget,
    /// The referenced field's canonical name (an entity) or column (an external table).
    pub field: String,
    pub on_delete: OnDelete,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForeignTarget {
    Entity(String),
    /// A table the contract does not describe, such as Supabase's `auth.users`.
    External {
        schema: String,
        table: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDelete {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl OnDelete {
    pub fn from_words(words: &str) -> Option<OnDelete> {
        Some(match words {
            "no action" => OnDelete::NoAction,
            "restrict" => OnDelete::Restrict,
            "cascade" => OnDelete::Cascade,
            "set null" => OnDelete::SetNull,
            "set default" => OnDelete::SetDefault,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OnDelete::NoAction => "no action",
            OnDelete::Restrict => "restrict",
            OnDelete::Cascade => "cascade",
            OnDelete::SetNull => "set null",
            OnDelete::SetDefault => "set default",
        }
    }
}

/// The values of a check that only lists them: `status in ('a', 'b')`, `status = any
/// (array['a', 'b'])`, casts and parentheses allowed; `None` for any other expression.
pub fn check_value_list(sql: &str, column: &str) -> Option<Vec<String>> {
    let text = sql.trim();
    let text = strip_parens(text);
    let lower = text.to_ascii_lowercase();
    let column_lower = column.to_ascii_lowercase();
    let rest = lower.strip_prefix(&column_lower).or_else(|| lower.strip_prefix(&format!("\"{column_lower}\"")))?;
    let rest = rest.trim_start();
    let list_start = if let Some(after) = rest.strip_prefix("in") {
        after.trim_start().strip_prefix('(')?;
        text.len() - after.trim_start().len() + 1
    } else {
        let after = rest.strip_prefix('=')?.trim_start().strip_prefix("any")?.trim_start().strip_prefix('(')?;
        let after = after.trim_start().strip_prefix("array")?.trim_start().strip_prefix('[')?;
        text.len() - after.len()
    };
    let mut values = Vec::new();
    let list = &text[list_start..];
    let mut chars = list.char_indices().peekable();
    let end = loop {
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        match chars.next() {
            Some((_, '\'')) => {
                let mut value = String::new();
                loop {
                    match chars.next()? {
                        (_, '\'') if chars.peek().is_some_and(|(_, c)| *c == '\'') => {
                            chars.next();
                            value.push('\'');
                        }
                        (_, '\'') => break,
                        (_, c) => value.push(c),
                    }
                }
                values.push(value);
                // A cast after the literal: `'a'::text`, `'a'::character varying`.
                while chars.peek().is_some_and(|(_, c)| !matches!(c, ',' | ')' | ']')) {
                    chars.next();
                }
            }
            Some((at, ')' | ']')) => break at + 1,
            _ => return None,
        }
    };
    // Nothing may follow the list but closing parentheses: `status in ('a') or x` is more.
    if !list[end..].chars().all(|c| c == ')' || c.is_whitespace()) {
        return None;
    }
    (!values.is_empty()).then_some(values)
}

fn strip_parens(text: &str) -> &str {
    let mut text = text.trim();
    while text.starts_with('(') && text.ends_with(')') {
        text = text[1..text.len() - 1].trim();
    }
    text
}

#[cfg(test)]
mod value_list_tests {
    use super::check_value_list;

    #[test]
    fn value_lists_are_read_in_their_usual_spellings() {
        let expected = Some(vec!["draft".to_owned(), "sent".to_owned()]);
        assert_eq!(check_value_list("status in ('draft', 'sent')", "status"), expected);
        assert_eq!(check_value_list("(STATUS IN ('draft','sent'))", "status"), expected);
        assert_eq!(check_value_list("status = ANY (ARRAY['draft'::text, 'sent'::text])", "status"), expected);
        assert_eq!(check_value_list("status in ('it''s')", "status"), Some(vec!["it's".to_owned()]));
        assert_eq!(check_value_list("length(status) > 2", "status"), None);
        assert_eq!(check_value_list("status in ('a') or status is null", "status"), None);
        assert_eq!(check_value_list("other in ('a')", "status"), None);
    }
}
