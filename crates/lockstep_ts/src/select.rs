//! The `PostgREST` `select` string that supabase-js sends: columns, `*`, aliases, casts, JSON
//! paths, aggregates, embedded resources with hints, spreads, nested to any depth. Offsets are
//! byte offsets into the string, so findings point at the exact character.

/// A name with its byte range in the select string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectItem {
    /// `*`
    Star { start: u32 },
    /// `alias:column->a->>b::cast`, or `column.sum()`.
    Column {
        alias: Option<Name>,
        column: Name,
        json_path: Vec<String>,
        cast: Option<String>,
        aggregate: Option<String>,
    },
    /// `count()` and other aggregates without a column.
    Aggregate { alias: Option<Name>, function: Name },
    /// `alias:resource!hint!inner(items)`, or `...resource(items)`.
    Embed { alias: Option<Name>, resource: Name, hints: Vec<Name>, spread: bool, items: Vec<SelectItem> },
}

impl SelectItem {
    /// The name the row will carry this item under in JSON.
    pub fn output_name(&self) -> Option<&str> {
        match self {
            SelectItem::Star { .. } => None,
            SelectItem::Column { alias, column, json_path, aggregate, .. } => Some(
                alias
                    .as_ref()
                    .map(|a| a.text.as_str())
                    .or_else(|| json_path.last().map(String::as_str))
                    .or(aggregate.as_deref())
                    .unwrap_or(column.text.as_str()),
            ),
            SelectItem::Aggregate { alias, function } => Some(alias.as_ref().unwrap_or(function).text.as_str()),
            SelectItem::Embed { alias, resource, .. } => Some(alias.as_ref().unwrap_or(resource).text.as_str()),
        }
    }
}

/// A malformed select string: what was expected, at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectError {
    pub message: String,
    pub start: u32,
    pub end: u32,
}

/// For each byte of `decoded` (and its end), the offset in `raw` (a JS string literal's source
/// between its quotes) where the character it belongs to starts. `None` when decoding `raw`
/// does not give `decoded`, so offsets would be wrong.
pub(crate) fn source_offsets(raw: &str, decoded: &str) -> Option<Vec<u32>> {
    let mut offsets = Vec::with_capacity(decoded.len() + 1);
    let mut out = String::with_capacity(decoded.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let start = u32::try_from(at).ok()?;
        let value = if c == '\\' {
            let (_, escaped) = chars.next()?;
            match escaped {
                'n' => Some('\n'),
                't' => Some('\t'),
                'r' => Some('\r'),
                'b' => Some('\u{8}'),
                'f' => Some('\u{c}'),
                'v' => Some('\u{b}'),
                '0' => Some('\0'),
                // A line continuation adds nothing.
                '\n' | '\u{2028}' | '\u{2029}' => None,
                '\r' => {
                    chars.next_if(|&(_, c)| c == '\n');
                    None
                }
                'x' | 'u' => {
                    let braced = escaped == 'u' && chars.next_if(|&(_, c)| c == '{').is_some();
                    let mut digits = String::new();
                    let wanted = if escaped == 'x' { 2 } else { 4 };
                    while let Some((_, d)) = chars.next_if(|&(_, d)| d.is_ascii_hexdigit()) {
                        digits.push(d);
                        if !braced && digits.len() == wanted {
                            break;
                        }
                    }
                    if braced {
                        chars.next_if(|&(_, c)| c == '}')?;
                    }
                    // A lone surrogate half cannot be in `decoded` as UTF-8 anyway.
                    Some(char::from_u32(u32::from_str_radix(&digits, 16).ok()?)?)
                }
                other => Some(other),
            }
        } else {
            Some(c)
        };
        if let Some(value) = value {
            out.push(value);
            offsets.extend(std::iter::repeat_n(start, value.len_utf8()));
        }
    }
    offsets.push(u32::try_from(raw.len()).ok()?);
    (out == decoded).then_some(offsets)
}

/// Nesting deeper than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 32;

pub fn parse_select(text: &str) -> Result<Vec<SelectItem>, SelectError> {
    let mut parser = SelectParser { text, bytes: text.as_bytes(), pos: 0 };
    let items = parser.items(0)?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error(&format!("unexpected `{}`", parser.current_char())));
    }
    Ok(items)
}

struct SelectParser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

impl SelectParser<'_> {
    fn error(&self, message: &str) -> SelectError {
        let end = (self.pos + self.current_char().len_utf8().max(1)).min(self.bytes.len().max(self.pos));
        SelectError { message: message.to_owned(), start: self.pos as u32, end: end as u32 }
    }

    fn current_char(&self) -> char {
        self.text[self.pos..].chars().next().unwrap_or(' ')
    }

    fn skip_whitespace(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_whitespace();
        if self.text[self.pos..].starts_with(token) {
            self.pos += token.len();
            return true;
        }
        false
    }

    fn items(&mut self, depth: usize) -> Result<Vec<SelectItem>, SelectError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        let mut items = Vec::new();
        loop {
            self.skip_whitespace();
            if self.pos >= self.bytes.len() || self.bytes[self.pos] == b')' {
                if items.is_empty() && depth == 0 && self.pos >= self.bytes.len() {
                    return Ok(items);
                }
                return Err(self.error("expected a column name"));
            }
            items.push(self.item(depth)?);
            if !self.eat(",") {
                return Ok(items);
            }
        }
    }

    fn item(&mut self, depth: usize) -> Result<SelectItem, SelectError> {
        self.skip_whitespace();
        if self.eat("*") {
            return Ok(SelectItem::Star { start: (self.pos - 1) as u32 });
        }
        let spread = self.eat("...");
        let first = self.name()?;
        let (alias, name) = if self.peek_is(b':') && !self.text[self.pos..].starts_with("::") {
            self.pos += 1;
            (Some(first), self.name()?)
        } else {
            (None, first)
        };
        self.skip_whitespace();
        if self.peek_is(b'!') || self.peek_is(b'(') {
            let mut hints = Vec::new();
            while self.eat("!") {
                hints.push(self.name()?);
            }
            if !self.eat("(") {
                return Err(self.error("expected `(` and the embedded resource's columns"));
            }
            if hints.is_empty() && alias.is_none() && !spread && self.eat(")") {
                // `count()` and friends.
                return Ok(SelectItem::Aggregate { alias, function: name });
            }
            let items = self.items(depth + 1)?;
            if !self.eat(")") {
                return Err(self.error("expected `)` or `,`"));
            }
            return Ok(SelectItem::Embed { alias, resource: name, hints, spread, items });
        }
        if spread {
            return Err(self.error("`...` spreads an embedded resource: write `...resource(columns)`"));
        }
        let mut json_path = Vec::new();
        loop {
            if self.eat("->>") || self.eat("->") {
                json_path.push(self.name()?.text);
            } else {
                break;
            }
        }
        let mut aggregate = None;
        if self.peek_is(b'.') {
            self.pos += 1;
            let function = self.name()?;
            if !(self.eat("(") && self.eat(")")) {
                return Err(self.error("expected `()` after the aggregate, as in `amount.sum()`"));
            }
            aggregate = Some(function.text);
        }
        let cast = if self.eat("::") { Some(self.name()?.text) } else { None };
        // `projects(id, tasks(count))`: a bare `count` in an embedded resource counts its rows.
        if depth > 0
            && name.text == "count"
            && alias.is_none()
            && json_path.is_empty()
            && aggregate.is_none()
            && cast.is_none()
        {
            return Ok(SelectItem::Aggregate { alias, function: name });
        }
        Ok(SelectItem::Column { alias, column: name, json_path, cast, aggregate })
    }

    fn peek_is(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        self.bytes.get(self.pos) == Some(&byte)
    }

    /// An identifier, or a double-quoted name.
    fn name(&mut self) -> Result<Name, SelectError> {
        self.skip_whitespace();
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'"') {
            let close = self.text[start + 1..]
                .find('"')
                .map(|p| start + 1 + p)
                .ok_or_else(|| self.error("unterminated quoted name"))?;
            self.pos = close + 1;
            return Ok(Name {
                text: self.text[start + 1..close].to_owned(),
                start: start as u32,
                end: self.pos as u32,
            });
        }
        while self.pos < self.bytes.len() {
            let c = self.current_char();
            if c.is_alphanumeric() || c == '_' || c == '$' {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        if self.pos == start {
            return Err(self.error(&format!(
                "expected a name, found `{}`",
                if start < self.bytes.len() { self.current_char().to_string() } else { "the end".to_owned() }
            )));
        }
        Ok(Name { text: self.text[start..self.pos].to_owned(), start: start as u32, end: self.pos as u32 })
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;

    fn names(items: &[SelectItem]) -> Vec<String> {
        items
            .iter()
            .map(|item| match item {
                SelectItem::Star { .. } => "*".to_owned(),
                SelectItem::Column { alias, column, json_path, cast, aggregate } => {
                    let mut s = alias.as_ref().map_or(String::new(), |a| format!("{}:", a.text));
                    s.push_str(&column.text);
                    for key in json_path {
                        let _ = write!(s, "->{key}");
                    }
                    if let Some(a) = aggregate {
                        let _ = write!(s, ".{a}()");
                    }
                    if let Some(c) = cast {
                        let _ = write!(s, "::{c}");
                    }
                    s
                }
                SelectItem::Aggregate { alias, function } => {
                    format!("{}{}()", alias.as_ref().map_or(String::new(), |a| format!("{}:", a.text)), function.text)
                }
                SelectItem::Embed { alias, resource, hints, spread, items } => format!(
                    "{}{}{}{}({})",
                    if *spread { "..." } else { "" },
                    alias.as_ref().map_or(String::new(), |a| format!("{}:", a.text)),
                    resource.text,
                    hints.iter().map(|h| format!("!{}", h.text)).collect::<Vec<_>>().concat(),
                    names(items).join(",")
                ),
            })
            .collect()
    }

    #[test]
    fn every_construct_parses() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("*", &["*"]),
            ("id, total", &["id", "total"]),
            ("  id ,\n total  ", &["id", "total"]),
            ("customerId:customer_id", &["customerId:customer_id"]),
            ("created_at::text", &["created_at::text"]),
            ("data->a->>b", &["data->a->b"]),
            ("city:address->>city", &["city:address->city"]),
            ("count()", &["count()"]),
            ("total:amount.sum()", &["total:amount.sum()"]),
            ("id, author:users!orders_author_fkey(id, name)", &["id", "author:users!orders_author_fkey(id,name)"]),
            (
                "*, items:order_items!inner(quantity, product:products(name))",
                &["*", "items:order_items!inner(quantity,product:products(name))"],
            ),
            ("...profiles(name, avatar_url)", &["...profiles(name,avatar_url)"]),
            ("\"Mixed Case\", id", &["Mixed Case", "id"]),
            ("users!left(*)", &["users!left(*)"]),
            // A bare `count` in an embed counts related rows; at the top it is a column.
            ("id, tasks(count)", &["id", "tasks(count())"]),
            ("count, tasks(id, count::int)", &["count", "tasks(id,count::int)"]),
        ];
        for (input, expected) in cases {
            let parsed = parse_select(input).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
            assert_eq!(names(&parsed), *expected, "{input:?}");
        }
    }

    #[test]
    fn spans_point_into_the_string() {
        let text = "id, author:users(full_name)";
        let parsed = parse_select(text).unwrap();
        let SelectItem::Embed { resource, items, .. } = &parsed[1] else { panic!() };
        assert_eq!(&text[resource.start as usize..resource.end as usize], "users");
        let SelectItem::Column { column, .. } = &items[0] else { panic!() };
        assert_eq!(&text[column.start as usize..column.end as usize], "full_name");
    }

    #[test]
    fn malformed_strings_are_errors_at_the_character() {
        let cases: &[(&str, u32, &str)] = &[
            ("id,", 3, "expected a column name"),
            ("id,,name", 3, "expected a name"),
            ("author:users(id", 15, "expected `)`"),
            ("users!(id)", 6, "expected a name"),
            ("id name", 3, "unexpected `n`"),
            ("...name", 7, "`...` spreads"),
            ("total.sum", 9, "expected `()`"),
            ("\"open", 0, "unterminated"),
            ("id)", 2, "unexpected `)`"),
        ];
        for (input, at, message) in cases {
            let err = parse_select(input).expect_err(input);
            assert_eq!(err.start, *at, "{input:?}: {err:?}");
            assert!(err.message.contains(message), "{input:?}: {err:?}");
        }
    }

    #[test]
    fn offsets_map_decoded_bytes_back_through_escapes() {
        let raw = r"\tid, \u{74}otal, \x6eop\u0065, \
é";
        let decoded = "\tid, total, nope, é";
        let offsets = source_offsets(raw, decoded).expect("decodes");
        assert_eq!(offsets.len(), decoded.len() + 1);
        let at = |needle: &str| offsets[decoded.find(needle).unwrap()] as usize;
        assert_eq!(&raw[at("id")..], &raw[2..]);
        assert!(raw[at("total")..].starts_with(r"\u{74}otal"));
        assert!(raw[at("nope")..].starts_with(r"\x6eop"));
        assert!(raw[at("é")..].starts_with('é'));
        assert_eq!(offsets[decoded.len()] as usize, raw.len());
        assert_eq!(source_offsets(raw, "something else"), None);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}id{}", "a(".repeat(100), ")".repeat(100));
        assert!(parse_select(&text).is_err());
    }
}
