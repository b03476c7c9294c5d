//! The pre-parse guard: a cheap scan that refuses a file whose nesting, operator chains or
//! unclosed `<` would make `oxc` or the walks over its tree use unbounded stack or time.
//!
//! The scan is a rough lexer, and it errs on one side only: it may count more nesting than the
//! parser will see (a file is refused that would have parsed), never less. Three rules keep it
//! there. Openers are counted wherever they appear, also inside strings, comments, regular
//! expressions and JSX text, in case that region was misjudged and is code. A closer counts only
//! in code, and only when it matches the innermost real bracket: real brackets nest properly, so a
//! closer that does not match is noise. Constructs that nest without a closer (`=>`, `?`, unary and
//! binary operators, member chains, unclosed `<`) are counted until a statement visibly ends.

use std::cell::Cell;

/// Brackets (and JSX elements, `=>`, `?`, unclosed `<`) open at once: recursive-descent parsers
/// and visitors use stack for every level, and no hand-written code nests this deep.
pub const MAX_NESTING: usize = 400;
/// Operators and members in the expressions open at once (`a.b.c...`, `1+1+...`, `!!!x`): the
/// parser and the walks recurse once per operator.
pub const MAX_CHAIN: usize = 10_000;
/// `<` open at once that could start type arguments (`a<a<a<...`): the parser tries each as a
/// generic and backtracks, at a cost that grows with the square of their number, and doubles
/// with each when brackets open between them (`y<{[` 24 times, 96 bytes, took 16 s and 6 GB; 12
/// times, nothing measurable). Hand-written code rarely has more than five open.
pub const MAX_OPEN_ANGLES: usize = 12;
/// Pairs of nested `<` in the whole file: each `<` adds the number of `<` open around it. The
/// parser's arena keeps what every failed try allocated, so statements under
/// [`MAX_OPEN_ANGLES`] still add up: 1,000 lines of 99 open `<` (80 KB) took 630 MB.
pub const MAX_ANGLE_PAIRS: usize = 100_000;

/// Why a file is refused, and the byte offset where its limit was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub at: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    Paren {
        control: bool,
    },
    Bracket,
    Brace,
    /// `${` in a template literal; its `}` returns to the template's text.
    TemplateExpr,
    /// `{` in JSX text; its `}` returns to the text.
    JsxExpr,
    /// An open JSX element, closed by a closing tag.
    JsxElement,
    /// A `<` not yet matched by `>`: a JSX tag, type arguments or a comparison.
    Angle {
        jsx: bool,
    },
    /// `=>` or a ternary `?`: nests what follows, closed by nothing visible.
    Arrow,
    /// An opener inside a string, comment or JSX text whose closer was not seen there.
    Stale,
}

impl Open {
    fn is_real(self) -> bool {
        !matches!(self, Open::Angle { .. } | Open::Arrow | Open::Stale)
    }
}

struct Entry {
    open: Open,
    /// The chain count of the enclosing level, restored when this level closes.
    outer_chain: usize,
}

/// Words after which `/` starts a regular expression and `<` may start JSX.
const EXPRESSION_KEYWORDS: [&str; 17] = [
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
    "default",
    "extends",
    "export",
];
/// Words that nest what follows like a unary operator.
const OPERATOR_KEYWORDS: [&str; 11] =
    ["typeof", "void", "delete", "await", "new", "yield", "in", "instanceof", "as", "satisfies", "keyof"];

struct Scan<'t> {
    bytes: &'t [u8],
    jsx: bool,
    stack: Vec<Entry>,
    /// Operators in the innermost expression level.
    chain: usize,
    /// Operators in the enclosing levels, still open.
    outer_chains: usize,
    angles: usize,
    angle_pairs: usize,
    /// The last significant byte of code, and the word it ended, if any.
    prev: u8,
    word: (usize, usize),
    /// The last `)` closed an `if`/`for`/`while`/`with` head: a `/` after it starts a regex.
    after_control: bool,
    /// Where the next significant byte after a line break is, and that byte.
    lookahead: (usize, u8),
}

/// Scans `text`; `jsx` says whether the file may hold JSX (`.tsx`, `.jsx`, `.js`).
pub fn check(text: &str, jsx: bool) -> Option<Refusal> {
    let mut scan = Scan {
        bytes: text.as_bytes(),
        jsx,
        stack: Vec::new(),
        chain: 0,
        outer_chains: 0,
        angles: 0,
        angle_pairs: 0,
        prev: b';',
        word: (0, 0),
        after_control: false,
        lookahead: (0, 0),
    };
    scan.run().err()
}

type Step = Result<(), Refusal>;

fn refuse(at: usize, message: String) -> Refusal {
    Refusal { message, at: u32::try_from(at).unwrap_or(u32::MAX) }
}

impl Scan<'_> {
    fn limits(&self, at: usize, extra: usize) -> Step {
        let depth = self.stack.len() + extra;
        if depth > MAX_NESTING {
            return Err(refuse(at, format!("nested more than {MAX_NESTING} levels deep")));
        }
        if self.chain + self.outer_chains > MAX_CHAIN {
            return Err(refuse(at, format!("an expression chains more than {MAX_CHAIN} operators or members")));
        }
        if self.angles > MAX_OPEN_ANGLES {
            return Err(refuse(at, format!("more than {MAX_OPEN_ANGLES} `<` are open at once")));
        }
        if self.angle_pairs > MAX_ANGLE_PAIRS {
            return Err(refuse(
                at,
                format!(
                    "`<` nest in more than {MAX_ANGLE_PAIRS} pairs in all, each a try of type arguments for the parser"
                ),
            ));
        }
        Ok(())
    }

    fn push(&mut self, open: Open, at: usize) -> Step {
        let outer_chain = self.chain;
        if open.is_real() {
            self.outer_chains += self.chain;
            self.chain = 0;
        }
        if matches!(open, Open::Angle { .. }) {
            self.angle_pairs += self.angles;
            self.angles += 1;
        }
        self.stack.push(Entry { open, outer_chain });
        self.limits(at, 0)
    }

    fn pop(&mut self) -> Option<Open> {
        let entry = self.stack.pop()?;
        if matches!(entry.open, Open::Angle { .. }) {
            self.angles -= 1;
        }
        if entry.open.is_real() {
            self.outer_chains -= entry.outer_chain;
            self.chain = entry.outer_chain;
        }
        Some(entry.open)
    }

    fn top_real(&self) -> Option<(usize, Open)> {
        self.stack.iter().enumerate().rev().find(|(_, e)| e.open.is_real()).map(|(i, e)| (i, e.open))
    }

    /// Closes the innermost real bracket when `matches` accepts it, with whatever soft entries
    /// sit above it; a closer that does not match is noise and changes nothing.
    fn close(&mut self, matches: impl Fn(Open) -> bool) -> Option<Open> {
        let (index, open) = self.top_real()?;
        if !matches(open) {
            return None;
        }
        while self.stack.len() > index + 1 {
            self.pop();
        }
        self.pop()
    }

    /// Ends what a statement end or a comma ends: `=>`, `?` and (at a statement end) `<`.
    fn end_soft(&mut self, angles_too: bool) {
        while let Some(top) = self.stack.last() {
            match top.open {
                Open::Arrow => {}
                Open::Angle { .. } if angles_too => {}
                _ => break,
            }
            self.pop();
        }
        self.chain = 0;
    }

    fn chain_up(&mut self, at: usize) -> Step {
        self.chain += 1;
        self.limits(at, 0)
    }

    fn run(&mut self) -> Step {
        let mut i = 0;
        while i < self.bytes.len() {
            i = self.code(i)?;
        }
        Ok(())
    }

    /// One token of code at `i`; returns where the next one starts.
    fn code(&mut self, i: usize) -> Result<usize, Refusal> {
        let bytes = self.bytes;
        let b = bytes[i];
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80 {
            let start = i;
            let mut end = i + 1;
            while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'_' | b'$')) {
                end += 1;
            }
            let word = &bytes[start..end];
            if OPERATOR_KEYWORDS.iter().any(|k| k.as_bytes() == word) {
                self.chain_up(start)?;
            }
            self.prev = bytes[end - 1];
            self.word = (start, end);
            self.after_control = false;
            return Ok(end.max(start + 1));
        }
        let after_control = std::mem::take(&mut self.after_control);
        match b {
            b' ' | b'\t' | b'\r' => {
                self.after_control = after_control;
                return Ok(i + 1);
            }
            b'\n' => {
                self.after_control = after_control;
                self.newline(i);
                return Ok(i + 1);
            }
            b'/' if next == b'/' => return self.noise_until_line_end(i + 2),
            b'/' if next == b'*' => return self.block_comment(i + 2),
            b'/' if next == b'>' && matches!(self.stack.last().map(|e| e.open), Some(Open::Angle { jsx: true })) => {
                self.pop();
                self.prev = b'>';
                // A self-closing element: text follows if it sits in one.
                if matches!(self.top_real(), Some((_, Open::JsxElement))) {
                    return self.jsx_text(i + 2);
                }
                return Ok(i + 2);
            }
            b'/' if after_control || self.regex_may_start() => return self.regex(i + 1),
            b'\'' | b'"' => {
                let in_tag = matches!(self.stack.last().map(|e| e.open), Some(Open::Angle { jsx: true }));
                return self.string(i + 1, b, in_tag);
            }
            b'`' => return self.template_text(i + 1),
            b'(' => {
                let control = self.word_is(&["if", "for", "while", "with"]);
                self.push(Open::Paren { control }, i)?;
            }
            b'[' => self.push(Open::Bracket, i)?,
            b'{' => self.push(Open::Brace, i)?,
            b')' => {
                if let Some(Open::Paren { control }) = self.close(|o| matches!(o, Open::Paren { .. })) {
                    self.prev = b')';
                    self.after_control = control;
                    return Ok(i + 1);
                }
            }
            b']' => {
                self.close(|o| o == Open::Bracket);
            }
            b'}' => match self.close(|o| matches!(o, Open::Brace | Open::TemplateExpr | Open::JsxExpr)) {
                Some(Open::TemplateExpr) => return self.template_text(i + 1),
                Some(Open::JsxExpr) => return self.jsx_text(i + 1),
                _ => {}
            },
            b';' => self.end_soft(true),
            b',' => self.end_soft(false),
            b'=' if next == b'>' => {
                self.push(Open::Arrow, i)?;
                self.prev = b'>';
                return Ok(i + 2);
            }
            b'?' if next != b'.' && next != b'?' => self.push(Open::Arrow, i)?,
            b'<' => return self.angle(i),
            b'>' => {
                // `>` closes the innermost `<`, and the `=>` inside it (`Map<K, () => V>`).
                let angle =
                    self.stack.iter().rposition(|e| e.open != Open::Arrow).and_then(|a| match self.stack[a].open {
                        Open::Angle { jsx } => Some((a, jsx)),
                        _ => None,
                    });
                if let Some((index, jsx)) = angle {
                    while self.stack.len() > index {
                        self.pop();
                    }
                    if jsx {
                        self.push(Open::JsxElement, i)?;
                        return self.jsx_text(i + 1);
                    }
                } else {
                    self.chain_up(i)?;
                }
            }
            b'.' | b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'!' | b'~' | b'=' | b':' => {
                self.chain_up(i)?;
            }
            _ => {}
        }
        self.prev = b;
        Ok(i + 1)
    }

    fn word_is(&self, words: &[&str]) -> bool {
        let (start, end) = self.word;
        self.prev.is_ascii_alphanumeric() && words.iter().any(|w| w.as_bytes() == &self.bytes[start..end])
    }

    /// Whether an operand may start here: after an operator, an opener, a keyword or nothing.
    fn expression_may_start(&self) -> bool {
        if self.prev.is_ascii_alphanumeric() || matches!(self.prev, b'_' | b'$') {
            return self.word_is(&EXPRESSION_KEYWORDS);
        }
        !matches!(self.prev, b')' | b']' | b'\'' | b'"' | b'`') && self.prev < 0x80
    }

    /// After `}` a `/` may start a regex (a block ended) or divide (an object ended); reading a
    /// division as a regex only hides closers, which is the safe mistake.
    fn regex_may_start(&self) -> bool {
        self.expression_may_start()
    }

    /// A newline ends a statement (and what nests without closers in it) when neither side can
    /// continue an expression, as automatic semicolon insertion would.
    fn newline(&mut self, i: usize) {
        if !matches!(self.top_real(), None | Some((_, Open::Brace))) {
            return;
        }
        let ends = self.prev.is_ascii_alphanumeric()
            || matches!(self.prev, b'_' | b'$' | b')' | b']' | b'}' | b'\'' | b'"' | b'`');
        if !ends || self.word_is(&EXPRESSION_KEYWORDS) || self.word_is(&OPERATOR_KEYWORDS) {
            return;
        }
        // The next significant byte, found once per run of blank space (a search per line
        // break would be quadratic in a file of empty lines).
        if self.lookahead.0 <= i {
            let at = self.bytes[i..].iter().position(|b| !b.is_ascii_whitespace()).map_or(self.bytes.len(), |p| i + p);
            self.lookahead = (at, self.bytes.get(at).copied().unwrap_or(b';'));
        }
        let following = self.lookahead.1;
        if following.is_ascii_alphabetic() || matches!(following, b'_' | b'$' | b'}' | b';' | b'\'' | b'"') {
            self.end_soft(true);
        }
    }

    /// `<`: a closing tag, the start of a JSX element, type arguments or a comparison.
    fn angle(&mut self, i: usize) -> Result<usize, Refusal> {
        let next = self.bytes.get(i + 1).copied().unwrap_or(0);
        if self.jsx && next == b'/' {
            return self.closing_tag(i + 2);
        }
        if matches!(next, b'<' | b'=') {
            self.chain_up(i)?;
            self.prev = b'<';
            return Ok(i + 2);
        }
        let starts_name = next.is_ascii_alphabetic() || matches!(next, b'_' | b'$' | b'>');
        let jsx = self.jsx && starts_name && self.expression_may_start();
        self.push(Open::Angle { jsx }, i)?;
        self.chain_up(i)?;
        self.prev = b'<';
        Ok(i + 1)
    }

    /// `</name>`: closes the innermost open element, if that is what is open.
    fn closing_tag(&mut self, mut i: usize) -> Result<usize, Refusal> {
        // Only a name may sit between `</` and `>`: stopping at anything else keeps the scan
        // linear when `</` comes without a `>`.
        while i < self.bytes.len()
            && (self.bytes[i].is_ascii_alphanumeric()
                || self.bytes[i].is_ascii_whitespace()
                || b"_$.:-".contains(&self.bytes[i]))
        {
            i += 1;
        }
        if self.bytes.get(i) != Some(&b'>') {
            return Ok(i);
        }
        self.close(|o| o == Open::JsxElement);
        self.prev = b'>';
        if matches!(self.top_real(), Some((_, Open::JsxElement))) {
            return self.jsx_text(i + 1);
        }
        Ok(i + 1)
    }

    /// A region that is not code (a string, comment, regex or JSX text) from `i` while `inside`
    /// holds: openers in it count, closers only cancel openers of the same region, and openers
    /// left unclosed stay counted.
    fn noise(&mut self, mut i: usize, inside: impl Fn(&[u8], usize) -> Option<usize>) -> Result<usize, Refusal> {
        let mut open = 0usize;
        while let Some(step) = inside(self.bytes, i) {
            match self.bytes[i] {
                b'(' | b'[' | b'{' | b'<' => {
                    open += 1;
                    self.limits(i, open)?;
                }
                b')' | b']' | b'}' | b'>' => open = open.saturating_sub(1),
                _ => {}
            }
            i += step;
        }
        for _ in 0..open {
            self.push(Open::Stale, i)?;
        }
        Ok(i)
    }

    fn noise_until_line_end(&mut self, i: usize) -> Result<usize, Refusal> {
        self.noise(i, |bytes, i| (i < bytes.len() && bytes[i] != b'\n').then_some(1))
    }

    fn block_comment(&mut self, i: usize) -> Result<usize, Refusal> {
        let end = self.noise(i, |bytes, i| (i < bytes.len() && !bytes[i..].starts_with(b"*/")).then_some(1))?;
        Ok(end + 2)
    }

    /// A string: escapes are honoured, except in a JSX attribute, where a string may also span
    /// lines.
    fn string(&mut self, i: usize, quote: u8, jsx_attribute: bool) -> Result<usize, Refusal> {
        let end = self.noise(i, |bytes, i| {
            let b = *bytes.get(i)?;
            if b == quote || (b == b'\n' && !jsx_attribute) {
                None
            } else if b == b'\\' && !jsx_attribute {
                // An escaped line break continues the string on the next line.
                Some(if bytes[i + 1..].starts_with(b"\r\n") { 3 } else { 2 })
            } else {
                Some(1)
            }
        })?;
        self.prev = quote;
        Ok(end + 1)
    }

    fn regex(&mut self, i: usize) -> Result<usize, Refusal> {
        let class = Cell::new(false);
        let end = self.noise(i, |bytes, i| {
            let b = *bytes.get(i)?;
            match b {
                b'\n' => None,
                b'/' if !class.get() => None,
                b'\\' => Some(if i + 1 < bytes.len() && bytes[i + 1] != b'\n' { 2 } else { 1 }),
                b'[' => {
                    class.set(true);
                    Some(1)
                }
                b']' => {
                    class.set(false);
                    Some(1)
                }
                _ => Some(1),
            }
        })?;
        self.prev = b'/';
        self.word = (0, 0);
        Ok(end + 1)
    }

    /// A template literal's text up to its end or its next `${`.
    fn template_text(&mut self, i: usize) -> Result<usize, Refusal> {
        let end = self.noise(i, |bytes, i| {
            let b = *bytes.get(i)?;
            if b == b'`' || (b == b'$' && bytes.get(i + 1) == Some(&b'{')) {
                None
            } else {
                Some(if b == b'\\' { 2 } else { 1 })
            }
        })?;
        if self.bytes.get(end) == Some(&b'$') {
            self.push(Open::TemplateExpr, end)?;
            self.prev = b'{';
            return Ok(end + 2);
        }
        self.prev = b'`';
        Ok(end + 1)
    }

    /// JSX text up to the next tag or `{`; quotes and slashes in it are plain text.
    fn jsx_text(&mut self, i: usize) -> Result<usize, Refusal> {
        self.chain = 0;
        let end = self.noise(i, |bytes, i| {
            let b = *bytes.get(i)?;
            (b != b'<' && b != b'{').then_some(1)
        })?;
        match self.bytes.get(end) {
            Some(b'{') => {
                self.push(Open::JsxExpr, end)?;
                self.prev = b'{';
                Ok(end + 1)
            }
            Some(_) => {
                // A tag starts: `<` after JSX text may always start one.
                self.prev = b'>';
                Ok(end)
            }
            None => Ok(end),
        }
    }
}
