//! A small document printer with prettier's layout semantics (groups that break as a whole,
//! indentation, lines that are a space or a newline), so generated TypeScript is laid out
//! exactly as `prettier --parser typescript --no-semi` lays it out at 80 columns.
//!
//! Only what the generators need: text, concatenation, indentation, groups, `line`,
//! `softline`, `hardline` and `ifBreak`. A group breaks when it is forced to (`expanded` in the
//! source prettier read) or holds a forced break, as prettier's `propagateBreaks` does.

/// The width prettier formats to by default.
pub const WIDTH: usize = 80;

#[derive(Clone, Debug)]
pub enum Doc {
    Text(String),
    Concat(Vec<Doc>),
    Indent(Box<Doc>),
    Group {
        contents: Box<Doc>,
        broken: bool,
    },
    /// A space when the enclosing group is flat, a newline when it breaks.
    Line,
    /// Nothing when flat, a newline when broken.
    SoftLine,
    /// Always a newline; breaks every enclosing group.
    HardLine,
    IfBreak {
        broken: Box<Doc>,
        flat: Box<Doc>,
    },
}

pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

pub fn concat(parts: Vec<Doc>) -> Doc {
    Doc::Concat(parts)
}

pub fn indent(doc: Doc) -> Doc {
    Doc::Indent(Box::new(doc))
}

/// A group that breaks when it does not fit, or when `expanded` or something inside it forces a
/// break.
pub fn group(contents: Doc, expanded: bool) -> Doc {
    let broken = expanded || forces_break(&contents);
    Doc::Group { contents: Box::new(contents), broken }
}

pub fn if_break(broken: Doc, flat: Doc) -> Doc {
    Doc::IfBreak { broken: Box::new(broken), flat: Box::new(flat) }
}

/// `items` with `separator` between them.
pub fn join(separator: &Doc, items: Vec<Doc>) -> Doc {
    let mut parts = Vec::with_capacity(items.len() * 2);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            parts.push(separator.clone());
        }
        parts.push(item);
    }
    Doc::Concat(parts)
}

fn forces_break(doc: &Doc) -> bool {
    match doc {
        Doc::HardLine => true,
        Doc::Group { broken, .. } => *broken,
        Doc::Concat(parts) => parts.iter().any(forces_break),
        Doc::Indent(inner) => forces_break(inner),
        Doc::IfBreak { broken, flat } => forces_break(broken) || forces_break(flat),
        Doc::Text(_) | Doc::Line | Doc::SoftLine => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// Lays `doc` out at [`WIDTH`] columns.
pub fn print(doc: &Doc) -> String {
    let mut out = String::new();
    let mut column = 0usize;
    let mut stack: Vec<(usize, Mode, &Doc)> = vec![(0, Mode::Break, doc)];
    while let Some((level, mode, doc)) = stack.pop() {
        match doc {
            Doc::Text(s) => {
                out.push_str(s);
                column += width(s);
            }
            Doc::Concat(parts) => stack.extend(parts.iter().rev().map(|p| (level, mode, p))),
            Doc::Indent(inner) => stack.push((level + 1, mode, inner)),
            Doc::Group { contents, broken } => {
                let chosen = if *broken {
                    Mode::Break
                } else if mode == Mode::Flat
                    || fits((level, Mode::Flat, contents), &stack, WIDTH.saturating_sub(column))
                {
                    Mode::Flat
                } else {
                    Mode::Break
                };
                stack.push((level, chosen, contents));
            }
            Doc::Line | Doc::SoftLine if mode == Mode::Flat => {
                if matches!(doc, Doc::Line) {
                    out.push(' ');
                    column += 1;
                }
            }
            Doc::Line | Doc::SoftLine | Doc::HardLine => {
                // Prettier never leaves spaces at the end of a line.
                let kept = out.trim_end_matches([' ', '\t']).len();
                out.truncate(kept);
                out.push('\n');
                out.push_str(&"  ".repeat(level));
                column = level * 2;
            }
            Doc::IfBreak { broken, flat } => stack.push((level, mode, if mode == Mode::Break { broken } else { flat })),
        }
    }
    out
}

/// Whether `next` fits in `remaining` columns, counting what follows it up to the next line
/// break (a trailing `,` counts), as prettier's `fits` does.
fn fits(next: (usize, Mode, &Doc), rest: &[(usize, Mode, &Doc)], remaining: usize) -> bool {
    let mut remaining = remaining;
    let mut rest_index = rest.len();
    let mut stack: Vec<(Mode, &Doc)> = vec![(next.1, next.2)];
    // Text wider than what remains does not fit; text that ends exactly at the edge does.
    let mut take = |columns: usize| match remaining.checked_sub(columns) {
        Some(left) => {
            remaining = left;
            true
        }
        None => false,
    };
    loop {
        let Some((mode, doc)) = stack.pop() else {
            if rest_index == 0 {
                return true;
            }
            rest_index -= 1;
            stack.push((rest[rest_index].1, rest[rest_index].2));
            continue;
        };
        match doc {
            Doc::Text(s) => {
                if !take(width(s)) {
                    return false;
                }
            }
            Doc::Concat(parts) => stack.extend(parts.iter().rev().map(|p| (mode, p))),
            Doc::Indent(inner) => stack.push((mode, inner)),
            Doc::Group { contents, broken } => stack.push((if *broken { Mode::Break } else { mode }, contents)),
            Doc::IfBreak { broken, flat } => stack.push((mode, if mode == Mode::Break { broken } else { flat })),
            Doc::Line if mode == Mode::Flat => {
                if !take(1) {
                    return false;
                }
            }
            Doc::SoftLine if mode == Mode::Flat => {}
            Doc::Line | Doc::SoftLine | Doc::HardLine => return true,
        }
    }
}

/// Columns a text takes. Generated text is mostly ASCII; a character counts as one column.
fn width(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(members: Vec<Doc>) -> Doc {
        group(
            concat(vec![
                text("{"),
                indent(concat(vec![Doc::Line, join(&concat(vec![if_break(text(""), text(";")), Doc::Line]), members)])),
                Doc::Line,
                text("}"),
            ]),
            false,
        )
    }

    #[test]
    fn a_group_stays_flat_when_it_fits_and_breaks_as_a_whole_otherwise() {
        let short = object(vec![text("a: string"), text("b: number")]);
        assert_eq!(print(&short), "{ a: string; b: number }");
        let long = object((0..8).map(|i| text(format!("field_{i}: string"))).collect());
        let printed = print(&long);
        assert!(printed.starts_with("{\n  field_0: string\n  field_1: string\n"), "{printed}");
    }

    #[test]
    fn a_forced_break_breaks_the_enclosing_groups() {
        let inner =
            group(concat(vec![text("{"), indent(concat(vec![Doc::Line, text("x: 1")])), Doc::Line, text("}")]), true);
        let outer = object(vec![text("a: never"), concat(vec![text("b: "), inner])]);
        assert_eq!(print(&outer), "{\n  a: never\n  b: {\n    x: 1\n  }\n}");
    }
}
