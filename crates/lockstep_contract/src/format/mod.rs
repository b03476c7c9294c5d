//! The canonical layout of a contract. Deterministic and idempotent: formatting formatted text
//! changes nothing. Every comment is kept; a comment inside a construct that is laid out on one
//! line moves to the line before the next member.

mod inline;
mod items;

use lockstep_diagnostics::Span;

use crate::syntax::ast::{Comment, Docs, SourceTree};

/// Lines longer than this are broken where the layout allows (objects, enums).
const WIDTH: usize = 100;
const INDENT: &str = "  ";

/// A name as contract text: the name itself when it is an identifier, otherwise a quoted
/// string (`"x-request-id"`). For tools that write contract text (`import`, `init`).
pub fn name_or_string(text: &str) -> String {
    if crate::syntax::is_identifier(text) { text.to_owned() } else { inline::quote(text) }
}

/// Formats a parsed file. The caller must not format a tree with syntax errors: the tree is
/// then partial and text would be lost.
pub fn format(tree: &SourceTree, text: &str) -> String {
    let mut printer =
        Printer { text, out: String::with_capacity(text.len()), comments: &tree.comments, next: 0, indent: 0 };
    for (index, item) in tree.items.iter().enumerate() {
        let start = item.docs.start().unwrap_or(item.span.start);
        if index > 0 {
            printer.blank();
        }
        printer.leading_comments(start);
        if printer.has_blank_before(start) {
            printer.blank();
        }
        printer.docs(&item.docs);
        printer.item(item);
        printer.trailing_comment(item.span.end);
    }
    printer.leading_comments(u32::MAX);
    printer.out
}

struct Printer<'a> {
    text: &'a str,
    out: String,
    comments: &'a [Comment],
    next: usize,
    indent: usize,
}

impl Printer<'_> {
    fn line(&mut self, content: &str) {
        for _ in 0..self.indent {
            self.out.push_str(INDENT);
        }
        self.out.push_str(content);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") && !self.out.ends_with("{\n") {
            self.out.push('\n');
        }
    }

    fn has_blank_before(&self, offset: u32) -> bool {
        let before = &self.text[..offset as usize];
        let gap = before.len() - before.trim_end().len();
        before[before.len() - gap..].matches('\n').count() >= 2
    }

    /// Prints the comments that start before `offset` on lines of their own, keeping one blank
    /// line where the source had any.
    fn leading_comments(&mut self, offset: u32) {
        while let Some(comment) = self.comments.get(self.next) {
            if comment.span.start >= offset {
                break;
            }
            if self.has_blank_before(comment.span.start) {
                self.blank();
            }
            let content = inline::source(self.text, comment.span).trim_end().to_owned();
            self.line(&content);
            self.next += 1;
        }
    }

    /// Appends a comment that follows `end` on the same source line to the last printed line.
    fn trailing_comment(&mut self, end: u32) {
        let Some(comment) = self.comments.get(self.next) else { return };
        if comment.span.start < end || self.text[end as usize..comment.span.start as usize].contains('\n') {
            return;
        }
        let content = inline::source(self.text, comment.span).trim_end();
        if self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out.push(' ');
        self.out.push_str(content);
        self.out.push('\n');
        self.next += 1;
    }

    fn docs(&mut self, docs: &Docs) {
        for &line in &docs.lines {
            let content = inline::source(self.text, line).trim_end().to_owned();
            self.line(&content);
        }
    }

    fn has_comments_within(&self, span: Span) -> bool {
        self.comments[self.next..].iter().any(|c| c.span.start >= span.start && c.span.start < span.end)
    }

    /// Prints `header {`, the members (each with its comments, docs and blank lines), and `}`.
    /// `close` is the offset of the closing brace in the source.
    fn block<M>(&mut self, header: &str, members: &[M], close: u32, mut member: impl FnMut(&mut Self, &M, usize))
    where
        M: Node,
    {
        self.line(&format!("{header} {{"));
        self.indent += 1;
        for (index, node) in members.iter().enumerate() {
            let start = node.docs().start().unwrap_or(node.span().start);
            self.leading_comments(start);
            if self.has_blank_before(start) {
                self.blank();
            }
            self.docs(node.docs());
            member(self, node, index);
            self.trailing_comment(node.span().end);
        }
        self.leading_comments(close);
        self.indent -= 1;
        self.line("}");
    }
}

/// What the block printer needs of a member.
trait Node {
    fn span(&self) -> Span;
    fn docs(&self) -> &Docs;
}
