//! TypeScript types as data, printed the way prettier prints them: object type literals (kept
//! expanded when the generator writes them on several lines, as prettier keeps a literal whose
//! first member starts on a new line), unions (`| a` lines when they do not fit), tuples, arrays
//! and string literals, with property keys quoted only where needed.

use std::fmt::Write as _;

use crate::doc::{Doc, concat, group, if_break, indent, join, text};

/// A TypeScript type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A keyword or a reference, printed as is: `string`, `Json`, `Database["public"]["Enums"]["x"]`.
    Raw(String),
    /// A string literal type.
    Str(String),
    Union(Vec<Ty>),
    Array(Box<Ty>),
    /// An object type literal. `expanded`: always one member per line.
    Object {
        members: Vec<Member>,
        expanded: bool,
    },
    /// A tuple type: `["id"]`.
    Tuple(Vec<Ty>),
    /// `{ [_ in never]: never }`, the empty section, always on three lines.
    NeverMap,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub key: String,
    pub optional: bool,
    pub ty: Ty,
    /// A numeric key (`200: Product`), printed bare so `keyof` gives numbers.
    pub numeric: bool,
}

impl Member {
    pub fn new(key: impl Into<String>, ty: Ty) -> Member {
        Member { key: key.into(), optional: false, ty, numeric: false }
    }

    /// A member under a number: an HTTP status.
    pub fn numbered(key: u16, ty: Ty) -> Member {
        Member { key: key.to_string(), optional: false, ty, numeric: true }
    }

    pub fn optional(key: impl Into<String>, ty: Ty) -> Member {
        Member { key: key.into(), optional: true, ty, numeric: false }
    }
}

impl Ty {
    pub fn raw(s: impl Into<String>) -> Ty {
        Ty::Raw(s.into())
    }

    /// `ty | null`, except for `unknown`, which already holds `null` (as the reference writes it).
    pub fn nullable(ty: Ty) -> Ty {
        match ty {
            Ty::Raw(ref s) if s == "unknown" || s == "any" => ty,
            Ty::Union(mut members) => {
                members.push(Ty::raw("null"));
                Ty::Union(members)
            }
            other => Ty::Union(vec![other, Ty::raw("null")]),
        }
    }

    pub fn object(members: Vec<Member>, expanded: bool) -> Ty {
        Ty::Object { members, expanded }
    }
}

/// The type as a layout document.
pub fn doc(ty: &Ty) -> Doc {
    match ty {
        Ty::Raw(s) => text(s.clone()),
        Ty::Str(s) => text(string_literal(s)),
        Ty::Union(members) => {
            let printed: Vec<Doc> = members.iter().map(doc).collect();
            let separator = concat(vec![Doc::Line, text("| ")]);
            group(
                indent(concat(vec![
                    if_break(concat(vec![Doc::Line, text("| ")]), text("")),
                    join(&separator, printed),
                ])),
                false,
            )
        }
        Ty::Array(inner) => match inner.as_ref() {
            Ty::Union(_) => concat(vec![text("("), flat(inner), text(")[]")]),
            other => concat(vec![doc(other), text("[]")]),
        },
        Ty::Object { members, .. } if members.is_empty() => text("{}"),
        Ty::Object { members, expanded } => {
            let printed: Vec<Doc> = members.iter().map(member).collect();
            let separator = concat(vec![if_break(text(""), text(";")), Doc::Line]);
            group(
                concat(vec![
                    text("{"),
                    indent(concat(vec![Doc::Line, join(&separator, printed)])),
                    Doc::Line,
                    text("}"),
                ]),
                *expanded,
            )
        }
        Ty::Tuple(items) if items.is_empty() => text("[]"),
        Ty::Tuple(items) => {
            let printed: Vec<Doc> = items.iter().map(doc).collect();
            group(
                concat(vec![
                    text("["),
                    indent(concat(vec![Doc::SoftLine, join(&concat(vec![text(","), Doc::Line]), printed)])),
                    if_break(text(","), text("")),
                    Doc::SoftLine,
                    text("]"),
                ]),
                false,
            )
        }
        Ty::NeverMap => group(
            concat(vec![text("{"), indent(concat(vec![Doc::Line, text("[_ in never]: never")])), Doc::Line, text("}")]),
            true,
        ),
    }
}

/// A union inside an array is printed on one line, in parentheses.
fn flat(ty: &Ty) -> Doc {
    match ty {
        Ty::Union(members) => join(&text(" | "), members.iter().map(doc).collect()),
        other => doc(other),
    }
}

pub fn member(member: &Member) -> Doc {
    let mut key = if member.numeric { member.key.clone() } else { property_key(&member.key) };
    if member.optional {
        key.push('?');
    }
    concat(vec![text(key), text(": "), doc(&member.ty)])
}

/// A property key: bare when it is an identifier, a string literal otherwise (prettier's
/// `quoteProps: "as-needed"`; numeric keys stay quoted in TypeScript).
pub fn property_key(key: &str) -> String {
    if is_identifier(key) { key.to_owned() } else { string_literal(key) }
}

/// An ES5 identifier name: a letter, `$` or `_`, then letters, digits, `$` or `_`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '$' || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '$' || c == '_')
}

/// A string literal as prettier writes it: double quotes unless the text holds more double
/// quotes than single ones; escapes as `JSON.stringify` writes them.
pub fn string_literal(value: &str) -> String {
    let doubles = value.matches('"').count();
    let singles = value.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(value.len() + 2);
    out.push(quote);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::print;

    #[test]
    fn keys_are_quoted_only_when_they_must_be() {
        assert_eq!(property_key("created_at"), "created_at");
        assert_eq!(property_key("$x"), "$x");
        assert_eq!(property_key("1st"), "\"1st\"");
        assert_eq!(property_key("has space"), "\"has space\"");
        assert_eq!(property_key("naïve"), "naïve");
    }

    #[test]
    fn strings_take_the_quote_that_needs_fewer_escapes() {
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_literal("a\\b\n"), "\"a\\\\b\\n\"");
    }

    #[test]
    fn a_long_union_puts_each_member_on_its_own_line() {
        let ty = Ty::object(
            vec![Member::new(
                "status_separacao",
                Ty::nullable(Ty::raw("Database[\"public\"][\"Enums\"][\"separacao_status\"]")),
            )],
            true,
        );
        // Four levels deep, as a table's `Row` members are.
        let nested = (0..4).fold(concat(vec![Doc::HardLine, doc(&ty)]), |d, _| indent(d));
        assert_eq!(
            print(&nested),
            "\n        {\n          status_separacao:\n            | Database[\"public\"][\"Enums\"][\"separacao_status\"]\n            | null\n        }"
        );
        assert_eq!(Ty::nullable(Ty::raw("unknown")), Ty::raw("unknown"));
    }
}
