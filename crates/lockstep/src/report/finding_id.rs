//! A stable id per finding, so a tool or an agent can name one finding across runs: the same
//! drift keeps its id when lines above it move, and `lockstep context ID` finds it again.

use std::fmt::Write as _;

use lockstep_diagnostics::{Diagnostic, Sources};
use sha2::{Digest, Sha256};

/// One id per diagnostic, in order: `ls-` and 10 hex digits of a hash of the code, the file,
/// the text of the line it points at, the contract element and the message (never the line's
/// number, which moves with unrelated edits); a repeat of the same finding on a line of the same
/// text gets `-2`, `-3`, ... in order.
pub fn finding_ids(diagnostics: &[Diagnostic], sources: &Sources) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let mut hasher = Sha256::new();
        hasher.update(diagnostic.code.as_bytes());
        hasher.update([0]);
        if let Some(label) = &diagnostic.primary {
            let file = sources.get(label.span.file);
            hasher.update(file.path().as_bytes());
            hasher.update([0]);
            let line = file.line_index().line_col(file.text(), label.span.start).line;
            hasher.update(file.line_index().line_text(file.text(), line).trim().as_bytes());
        }
        hasher.update([0]);
        if let Some(contract) = &diagnostic.contract {
            hasher.update(contract.to_string().as_bytes());
        }
        hasher.update([0]);
        hasher.update(diagnostic.message.as_bytes());
        let digest = hasher.finalize();
        let mut base = String::from("ls-");
        for byte in digest.iter().take(5) {
            let _ = write!(base, "{byte:02x}");
        }
        let repeats = ids.iter().filter(|id| id.split('-').take(2).collect::<Vec<_>>().join("-") == base).count();
        ids.push(if repeats == 0 { base } else { format!("{base}-{}", repeats + 1) });
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use lockstep_diagnostics::Span;

    #[test]
    fn ids_ignore_lines_and_tell_repeats_apart() {
        let mut sources = Sources::new();
        let before = sources.add("src/a.ts", "one\nsame\nsame\nother\n");
        let after = sources.add("src/a.ts", "inserted\none\nsame\nsame\nother\n");
        let at = |file, start| {
            Diagnostic::error("ui/unknown-column", "no column `x`").at(Span::new(file, start, start + 1), "here")
        };
        let ids = finding_ids(&[at(before, 4), at(before, 9), at(before, 14)], &sources);
        assert!(ids[0].starts_with("ls-") && ids[0].len() == 13, "{}", ids[0]);
        assert_eq!(ids[1], format!("{}-2", ids[0]), "the same finding on a line of the same text");
        assert_ne!(ids[2], ids[0], "another line");
        let moved = finding_ids(&[at(after, 13), at(after, 18), at(after, 23)], &sources);
        assert_eq!(moved, ids, "findings keep their ids when their lines move");
    }
}
