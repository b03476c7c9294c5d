//! Local `$ref`s (`#/components/schemas/Article`): followed within the document only; a remote
//! reference is refused rather than fetched, and a chain of references that loops is an error.

use crate::value::Value;

#[derive(Debug, PartialEq, Eq)]
pub enum RefError {
    /// `other.yaml#/...` or `https://...`: lockstep never reads other files or the network.
    Remote(String),
    Missing(String),
    /// The references, in order, back to the first.
    Cycle(Vec<String>),
}

impl std::fmt::Display for RefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RefError::Remote(r) => write!(
                f,
                "`$ref: {r}` points outside this document; lockstep reads one file and never the network (bundle the spec first, e.g. with `redocly bundle`)"
            ),
            RefError::Missing(r) => write!(f, "`$ref: {r}` points at nothing in this document"),
            RefError::Cycle(chain) => write!(f, "`$ref`s loop: {}", chain.join(" → ")),
        }
    }
}

/// The value a JSON pointer (`#/components/schemas/A`) names.
pub fn pointer<'a>(doc: &'a Value, reference: &str) -> Result<&'a Value, RefError> {
    let Some(path) = reference.strip_prefix('#') else { return Err(RefError::Remote(reference.to_owned())) };
    let mut at = doc;
    for part in path.split('/').skip(1) {
        let part = part.replace("~1", "/").replace("~0", "~");
        let part = percent_decode(&part);
        at = match at {
            Value::Object(_) => at.get(&part),
            Value::Array(items) => part.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        }
        .ok_or_else(|| RefError::Missing(reference.to_owned()))?;
    }
    Ok(at)
}

fn percent_decode(part: &str) -> String {
    if !part.contains('%') {
        return part.to_owned();
    }
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&part[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Follows `value`'s `$ref` chain to a value without one.
pub fn follow<'a>(doc: &'a Value, mut value: &'a Value) -> Result<&'a Value, RefError> {
    let mut seen: Vec<String> = Vec::new();
    while let Some(reference) = value.str("$ref") {
        if seen.iter().any(|s| s == reference) {
            seen.push(reference.to_owned());
            return Err(RefError::Cycle(seen));
        }
        seen.push(reference.to_owned());
        value = pointer(doc, reference)?;
    }
    Ok(value)
}
