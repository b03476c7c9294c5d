//! The smallest slice of the project an agent needs to fix one finding: the finding, the lines
//! at it with the signature of the code around them, the related places, and the fix, with its
//! size in tokens (`o200k_base`, the tokenizer of current `OpenAI` models, counted by `tiktoken-rs`)
//! beside the size of the whole files it spares reading.

use std::fmt::Write as _;

use lockstep_diagnostics::{Diagnostic, FileId, Sources, Span, escape_controls};

/// Lines shown before and after a place.
const AROUND: u32 = 2;
/// At most this many lines of one place.
const MOST_LINES: u32 = 12;
/// A line shown is cut after this many characters (a minified bundle, a megabyte literal).
const MOST_CHARS: usize = 240;
/// Text is tokenized in pieces of about this many bytes, cut after a newline where there is
/// one: the tokenizer's pattern is slow on one huge line, and tokens rarely span a line end.
const PIECE: usize = 4096;

pub struct Context {
    pub text: String,
    /// Tokens of `text`.
    pub tokens: usize,
    /// Tokens of the whole files the finding touches, each counted once.
    pub file_tokens: usize,
}

/// The context of `finding`; `file_tokens` counts a file's tokens (cached by the caller when it
/// asks for many findings).
pub fn context(finding: &Diagnostic, sources: &Sources, file_tokens: &mut dyn FnMut(FileId) -> usize) -> Context {
    let mut text = String::new();
    let _ = writeln!(text, "{}[{}]: {}", finding.severity.as_str(), finding.code, escape_controls(&finding.message));
    if let Some(contract) = &finding.contract {
        let _ = writeln!(text, "contract: {contract}");
    }
    let mut files: Vec<FileId> = Vec::new();
    for (label, primary) in finding.primary.iter().map(|l| (l, true)).chain(finding.related.iter().map(|l| (l, false)))
    {
        if !files.contains(&label.span.file) {
            files.push(label.span.file);
        }
        place(&mut text, sources, label.span, &label.message, primary);
    }
    if let Some(help) = &finding.help {
        let _ = writeln!(text, "fix: {}", escape_controls(help));
    }
    let file_tokens = files.into_iter().map(file_tokens).sum();
    Context { tokens: tokens(&text), text, file_tokens }
}

/// One place: `path:line: label`, the signature of the code around it, and its lines.
fn place(out: &mut String, sources: &Sources, span: Span, label: &str, primary: bool) {
    let file = sources.get(span.file);
    let index = file.line_index();
    let start = index.line_col(file.text(), span.start).line;
    let end = index.line_col(file.text(), span.end.max(span.start)).line.min(start + MOST_LINES);
    let marker = if primary { "at" } else { "see" };
    let _ = writeln!(out, "{marker} {}:{start}: {}", escape_controls(file.path()), escape_controls(label));
    if let Some((line, signature)) = enclosing(sources, span.file, start) {
        if line + AROUND < start {
            let _ = writeln!(out, "{line:>5} | {}", shown(signature));
            let _ = writeln!(out, "  ... |");
        }
    }
    let first = start.saturating_sub(AROUND).max(1);
    let last = (end + AROUND).min(index.line_count());
    for line in first..=last {
        let _ = writeln!(out, "{line:>5} | {}", shown(index.line_text(file.text(), line)));
    }
}

/// The nearest line above `line` that opens the code around it: less indented, and a function,
/// a class, a handler or a block (`{` at its end). Language-agnostic on purpose: it serves TS,
/// SQL and contract files alike.
fn enclosing(sources: &Sources, file: FileId, line: u32) -> Option<(u32, &str)> {
    let file = sources.get(file);
    let index = file.line_index();
    let indent = |text: &str| text.len() - text.trim_start().len();
    let own = indent(index.line_text(file.text(), line));
    (1..line).rev().take(400).find_map(|above| {
        let text = index.line_text(file.text(), above);
        let trimmed = text.trim();
        let opens = trimmed.starts_with("function ")
            || trimmed.starts_with("export ")
            || trimmed.starts_with("async ")
            || trimmed.starts_with("class ")
            || trimmed.starts_with("entity ")
            || trimmed.starts_with("endpoint ")
            || trimmed.starts_with("create ")
            || trimmed.contains("=>")
            || trimmed.ends_with('{');
        (!trimmed.is_empty() && indent(text) < own && opens).then_some((above, text))
    })
}

/// A source line as shown: control characters escaped, cut after [`MOST_CHARS`].
fn shown(line: &str) -> String {
    let line = line.trim_end();
    match line.char_indices().nth(MOST_CHARS) {
        Some((cut, _)) => format!("{} …", escape_controls(&line[..cut])),
        None => escape_controls(line).into_owned(),
    }
}

/// Tokens of `text` under `o200k_base`.
pub fn tokens(text: &str) -> usize {
    let bpe = tiktoken_rs::o200k_base_singleton();
    let mut count = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(PIECE);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut < rest.len() {
            if let Some(newline) = rest[..cut].rfind('\n') {
                cut = newline + 1;
            }
        }
        count += bpe.encode_ordinary(&rest[..cut]).len();
        rest = &rest[cut..];
    }
    count
}

/// Files up to this size are counted whole; a larger one (a bundle, a seed dump) from its first
/// this many bytes, scaled to its size: the figure is an order of magnitude for what reading it
/// would cost, and counting megabytes would cost more than the check.
const COUNTED_WHOLE: usize = 256 * 1024;

/// Each file's tokens, counted once.
#[derive(Default)]
pub struct FileTokens(std::collections::HashMap<FileId, usize>);

impl FileTokens {
    pub fn of(&mut self, sources: &Sources, file: FileId) -> usize {
        *self.0.entry(file).or_insert_with(|| {
            let text = sources.get(file).text();
            if text.len() <= COUNTED_WHOLE {
                return tokens(text);
            }
            let mut cut = COUNTED_WHOLE;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let sample = tokens(&text[..cut]);
            usize::try_from(u128::try_from(sample).unwrap_or(0) * text.len() as u128 / cut.max(1) as u128)
                .unwrap_or(usize::MAX)
        })
    }
}
