//! The one place a source file is parsed: the guard first, then `oxc`, counted; and [`analyze`],
//! which hands that one tree to both walks (the facts and the route handlers).

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

use lockstep_diagnostics::{FileId, Span};
use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::{Parser, ParserReturn};
use oxc_span::SourceType;

use crate::facts::FileFacts;
use crate::routes::RouteFile;

/// Every `oxc` parse in this process. Parsing is most of a check's time, so "each file once" is
/// worth a test: the binary reports the count with `-v`.
static PARSES: AtomicUsize = AtomicUsize::new(0);

/// How many times `oxc` has parsed a file in this process.
pub fn parse_count() -> usize {
    PARSES.load(Ordering::Relaxed)
}

pub(crate) fn parse<'a>(allocator: &'a Allocator, text: &'a str, source_type: SourceType) -> ParserReturn<'a> {
    PARSES.fetch_add(1, Ordering::Relaxed);
    Parser::new(allocator, text, source_type).parse()
}

/// Runs `walk` on the file's tree; or, for a file the guard refuses or that does not parse, the
/// message and place that say why there is none.
pub(crate) fn with_program<R>(
    file: FileId,
    path: &str,
    text: &str,
    walk: impl FnOnce(&Program<'_>) -> R,
) -> Result<R, (String, Span)> {
    if let Some(refused) = crate::refusal(path, text) {
        let message = format!("{}; the file was skipped", refused.message);
        let at = refused.at.min(u32::try_from(text.len()).unwrap_or(u32::MAX));
        let end = (at + 1).min(u32::try_from(text.len()).unwrap_or(u32::MAX));
        return Err((message, Span::new(file, at, end)));
    }
    ARENA.with(|arena| match arena.try_borrow_mut() {
        Ok(mut allocator) => {
            allocator.reset();
            let walked = parse_and_walk(&allocator, file, path, text, walk);
            // An outsized file's arena is not kept for the small ones that follow.
            if allocator.capacity() > KEPT_ARENA {
                *allocator = Allocator::default();
            }
            walked
        }
        // A walk that parses another file: that one gets an arena of its own.
        Err(_) => parse_and_walk(&Allocator::default(), file, path, text, walk),
    })
}

thread_local! {
    /// The parse arena of this thread, reset between files: a check parses thousands of files
    /// per thread, and a fresh arena each time would ask the system allocator for its chunks
    /// again, and leave its heap fragmented between the facts the files yield.
    static ARENA: RefCell<Allocator> = RefCell::new(Allocator::default());
}

/// The largest arena kept from one file to the next, in bytes.
const KEPT_ARENA: usize = 16 << 20;

fn parse_and_walk<R>(
    allocator: &Allocator,
    file: FileId,
    path: &str,
    text: &str,
    walk: impl FnOnce(&Program<'_>) -> R,
) -> Result<R, (String, Span)> {
    let parsed = parse(allocator, text, crate::source_type(path));
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let first = parsed.diagnostics.errors().next();
        let message = first.map_or_else(|| "the parser gave up".to_owned(), |d| d.message.to_string());
        let span = first
            .and_then(|d| d.labels.first())
            .map_or(Span::new(file, 0, 0), |l| Span::new(file, l.offset(), l.offset() + l.len()));
        return Err((message, span));
    }
    Ok(walk(&parsed.program))
}

/// A file's facts and the route handlers it serves, from one parse. A file the guard refuses,
/// or that does not parse, has a `parse_error` and serves nothing.
pub fn analyze(file: FileId, path: &str, text: &str) -> (FileFacts, RouteFile) {
    let kind = crate::routes::route_kind(path, text);
    let walked = with_program(file, path, text, |program| {
        let facts = crate::extract::facts_of(file, text, program);
        let routes = kind.map(|kind| crate::routes::routes_of(file, text, program, kind)).unwrap_or_default();
        (facts, routes)
    });
    walked.unwrap_or_else(|parse_error| {
        (FileFacts { parse_error: Some(parse_error), ..FileFacts::default() }, RouteFile::default())
    })
}
