//! A JSON-like document with key order kept, read from YAML or JSON and written as JSON.

use std::fmt::Write;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::{Yaml, YamlLoader};

/// Nesting deeper than this is refused: no spec nests this deep, and the readers recurse.
const MAX_DEPTH: usize = 256;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// A number that is not an integer, as written.
    Real(String),
    Str(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(String, Value)] {
        match self {
            Value::Object(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Value] {
        match self {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Writes the value as indented JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_json(&mut out, self, 0);
        out.push('\n');
        out
    }
}

fn write_json(out: &mut String, value: &Value, indent: usize) {
    let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n * 2));
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Real(r) => out.push_str(r),
        Value::Str(s) => write_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 1);
                write_json(out, item, indent + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(entries) if entries.is_empty() => out.push_str("{}"),
        Value::Object(entries) => {
            out.push_str("{\n");
            for (i, (key, item)) in entries.iter().enumerate() {
                pad(out, indent + 1);
                write_string(out, key);
                out.push_str(": ");
                write_json(out, item, indent + 1);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Why a document could not be read.
#[derive(Debug)]
pub struct LoadError {
    pub message: String,
    /// 1-based line and column, when the parser knows them.
    pub at: Option<(usize, usize)>,
}

/// Reads a YAML or JSON document (JSON is YAML).
pub fn load(text: &str) -> Result<Value, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = too_deep(text) {
        return Err(LoadError { message: format!("nested more than {MAX_DEPTH} levels deep"), at: Some((line, 1)) });
    }
    prescan(text)?;
    let documents = YamlLoader::load_from_str(text)
        .map_err(|e| LoadError { message: e.info().to_owned(), at: Some((e.marker().line(), e.marker().col() + 1)) })?;
    let Some(document) = documents.into_iter().next() else {
        return Err(LoadError { message: "the file holds no document".to_owned(), at: None });
    };
    convert(document, 0)
}

/// The line where brackets or indentation first nest deeper than [`MAX_DEPTH`]: a rough guard
/// against stack exhaustion in the YAML reader.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (number, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        for b in line.bytes() {
            match b {
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if depth > MAX_DEPTH || indent / 2 > MAX_DEPTH {
            return Some(number + 1);
        }
    }
    None
}

/// Reads the parser's events before the loader builds anything: the first alias is refused
/// (the loader copies the anchored value for every alias, so ten levels of ten aliases in a
/// kilobyte would expand to ten billion nodes before any later check could see them), and so is
/// nesting deeper than [`MAX_DEPTH`], counted exactly (the line scan before it is rough). The
/// event parser keeps its own stack, so this reads any depth without recursing.
fn prescan(text: &str) -> Result<(), LoadError> {
    #[derive(Default)]
    struct Prescan {
        depth: usize,
        alias: Option<(usize, usize)>,
        too_deep: Option<(usize, usize)>,
    }
    impl MarkedEventReceiver for Prescan {
        fn on_event(&mut self, event: Event, mark: Marker) {
            let at = Some((mark.line(), mark.col() + 1));
            match event {
                Event::Alias(_) => self.alias = self.alias.or(at),
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        self.too_deep = self.too_deep.or(at);
                    }
                }
                Event::SequenceEnd | Event::MappingEnd => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    let mut prescan = Prescan::default();
    Parser::new_from_str(text)
        .load(&mut prescan, true)
        .map_err(|e| LoadError { message: e.info().to_owned(), at: Some((e.marker().line(), e.marker().col() + 1)) })?;
    if let Some(at) = prescan.alias {
        return Err(LoadError {
            message: "YAML aliases (`*name`) are not supported; write the value out, or convert the document to JSON"
                .to_owned(),
            at: Some(at),
        });
    }
    if let Some(at) = prescan.too_deep {
        return Err(LoadError { message: format!("nested more than {MAX_DEPTH} levels deep"), at: Some(at) });
    }
    Ok(())
}

fn convert(yaml: Yaml, depth: usize) -> Result<Value, LoadError> {
    if depth > MAX_DEPTH {
        return Err(LoadError { message: format!("nested more than {MAX_DEPTH} levels deep"), at: None });
    }
    Ok(match yaml {
        Yaml::Null | Yaml::BadValue => Value::Null,
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Integer(i) => Value::Int(i),
        Yaml::Real(r) => Value::Real(r),
        Yaml::String(s) => Value::Str(s),
        Yaml::Array(items) => {
            Value::Array(items.into_iter().map(|item| convert(item, depth + 1)).collect::<Result<_, _>>()?)
        }
        Yaml::Hash(hash) => {
            let mut entries = Vec::with_capacity(hash.len());
            for (key, value) in hash {
                let key = match key {
                    Yaml::String(s) | Yaml::Real(s) => s,
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    other => {
                        return Err(LoadError {
                            message: format!("a map key must be a string, not {other:?}"),
                            at: None,
                        });
                    }
                };
                entries.push((key, convert(value, depth + 1)?));
            }
            Value::Object(entries)
        }
        Yaml::Alias(_) => {
            return Err(LoadError { message: "YAML aliases (`*name`) are not supported".to_owned(), at: None });
        }
    })
}
