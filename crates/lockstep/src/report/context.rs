//! The smallest slice of the project an agent needs to fix one finding: the finding, the lines
//! at it with the signature of the code around them, the related places, and the fix, with its
//! size in tokens (`o200k_base`, the tokenizer of current `OpenAI` models, counted by `tiktoken-rs`)
//! beside the size of the whole files it spares reading.

use std::fmt::Write as _;

use lockstep_contract::model::Contract;
use lockstep_diagnostics::{ContractPath, Diagnostic, FileId, Sources, Span, escape_controls};

/// At most this many lines of the place a finding points at; a related place shows fewer.
const MOST_LINES: u32 = 12;
const MOST_RELATED_LINES: u32 = 3;
/// A line shown is cut after this many characters (a minified bundle, a megabyte literal).
const MOST_CHARS: usize = 240;
/// Text is tokenized in pieces of about this many bytes, cut after a newline where there is
/// one: the tokenizer's pattern is slow on one huge line, and tokens rarely span a line end.
const PIECE: usize = 4096;

pub struct Context {
    pub text: String,
    /// Tokens of `text`.
    pub tokens: usize,
    /// Tokens of the whole files the context quotes (the code, the contract, the migration,
    /// the env file), each counted once: what reading them instead would cost.
    pub file_tokens: usize,
}

/// Makes the contexts of a run's findings: each file's tokens are counted once, and the
/// contract (whose definitions the contexts quote) is resolved once, when first needed.
pub struct Slicer<'s> {
    sources: &'s Sources,
    files: FileTokens,
    /// The contract the sources hold: a check does not keep its model until rendering, so it
    /// is resolved again from the contract files it read, once.
    contract: std::cell::OnceCell<Option<Contract>>,
}

impl<'s> Slicer<'s> {
    pub fn new(sources: &'s Sources) -> Slicer<'s> {
        Slicer { sources, files: FileTokens::default(), contract: std::cell::OnceCell::new() }
    }

    /// The smallest slice that fixes `finding`: its message, the lines it points at with the
    /// signature of the code around them, the first lines of each related place, the contract
    /// element's definition (when no place shows it already), and the fix.
    pub fn context(&mut self, finding: &Diagnostic) -> Context {
        let sources = self.sources;
        let mut text = String::new();
        let _ =
            writeln!(text, "{}[{}]: {}", finding.severity.as_str(), finding.code, escape_controls(&finding.message));
        let mut shown: Vec<(Span, u32)> = Vec::new();
        let labels = finding.primary.iter().map(|l| (l, true)).chain(finding.related.iter().map(|l| (l, false)));
        for (label, primary) in labels {
            let most = if primary { MOST_LINES } else { MOST_RELATED_LINES };
            let marker = if primary { "at" } else { "see" };
            let after = format!(": {}", escape_controls(&label.message));
            place(&mut text, sources, label.span, (marker, &after), most);
            shown.push((label.span, most));
        }
        if let Some(element) = &finding.contract {
            let definition = self.definition(element);
            let covered = definition.is_some_and(|span| shown.iter().any(|&(s, most)| covers(sources, s, most, span)));
            match definition.filter(|_| !covered) {
                Some(span) => {
                    place(&mut text, sources, span, (&format!("contract: {element} at"), ""), MOST_RELATED_LINES);
                    shown.push((span, MOST_RELATED_LINES));
                }
                None => {
                    let _ = writeln!(text, "contract: {element}");
                }
            }
        }
        if let Some(help) = &finding.help {
            let _ = writeln!(text, "fix: {}", escape_controls(help));
        }
        let mut files: Vec<FileId> = shown.iter().map(|(span, _)| span.file).collect();
        files.sort_unstable();
        files.dedup();
        let file_tokens = files.into_iter().map(|file| self.files.of(sources, file)).sum();
        Context { tokens: tokens(&text), text, file_tokens }
    }

    /// Where the contract defines `element`.
    fn definition(&self, element: &ContractPath) -> Option<Span> {
        let sources = self.sources;
        let span = self.contract.get_or_init(|| resolved(sources)).as_ref()?.definition(element)?;
        Some(without_docs(sources, span))
    }
}

/// The contract of the `.lockstep` files among the sources, when they parse and resolve.
fn resolved(sources: &Sources) -> Option<Contract> {
    let mut trees = Vec::new();
    for (file, source) in sources.iter() {
        if std::path::Path::new(source.path()).extension().is_some_and(|e| e == crate::load::CONTRACT_EXTENSION) {
            let parsed = lockstep_contract::syntax::parse(file, source.text());
            if !parsed.diagnostics.is_empty() {
                return None;
            }
            trees.push(parsed.tree);
        }
    }
    (!trees.is_empty()).then(|| lockstep_contract::resolve::resolve(sources, &trees).contract)
}

/// Whether a place shown (its first `most` lines) already shows a line of `span`: a related
/// label inside the element's block shows the element.
fn covers(sources: &Sources, shown: Span, most: u32, span: Span) -> bool {
    if shown.file != span.file {
        return false;
    }
    let file = sources.get(span.file);
    let line = |offset| file.line_index().line_col(file.text(), offset).line;
    let first = line(shown.start);
    let last = line(shown.end.max(shown.start)).min(first + most - 1);
    line(span.start) <= last && first <= line(span.end.max(span.start))
}

/// `span` without the doc comment lines (`///`) it starts with: the definition itself.
fn without_docs(sources: &Sources, span: Span) -> Span {
    let text = sources.get(span.file).text();
    let mut start = span.start as usize;
    while start < span.end as usize {
        let rest = &text[start..span.end as usize];
        let line_end = rest.find('\n').map_or(rest.len(), |n| n + 1);
        if !rest.trim_start().starts_with("///") {
            break;
        }
        start += line_end;
    }
    let skipped = text[start..span.end as usize].len() - text[start..span.end as usize].trim_start().len();
    Span::new(span.file, u32::try_from(start + skipped).unwrap_or(span.start), span.end)
}

/// One place: a heading (`before path:line after`), the signature of the code around it, and
/// its first `most` lines.
fn place(out: &mut String, sources: &Sources, span: Span, (before, after): (&str, &str), most: u32) {
    let file = sources.get(span.file);
    let index = file.line_index();
    let start = index.line_col(file.text(), span.start).line;
    let end = index.line_col(file.text(), span.end.max(span.start)).line.min(start + most - 1);
    let _ = writeln!(out, "{before} {}:{start}{after}", escape_controls(file.path()));
    if let Some((line, signature)) = enclosing(sources, span.file, start) {
        let _ = writeln!(out, "{line:>5} | {}", shown(signature));
        if line + 1 < start {
            let _ = writeln!(out, "  ... |");
        }
    }
    for line in start..=end {
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
pub(crate) struct FileTokens(std::collections::HashMap<FileId, usize>);

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
