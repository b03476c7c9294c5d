//! A stable id per finding, so a tool or an agent can name one finding across runs: the same
//! drift keeps its id when lines above it move, and `lockstep context ID` finds it again.

use std::fmt::Write as _;

use lockstep_diagnostics::{Diagnostic, Sources};
use sha2::{Digest, Sha256};

/// One id per diagnostic, in order: `ls-` and 10 hex digits of a hash of the code, the file,
/// the contract element and the message (never the line, which moves with unrelated edits);
/// a repeat of the same finding gets `-2`, `-3`, ... in order.
pub fn finding_ids(diagnostics: &[Diagnostic], sources: &Sources) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let mut hasher = Sha256::new();
        hasher.update(diagnostic.code.as_bytes());
        hasher.update([0]);
        if let Some(label) = &diagnostic.primary {
            hasher.update(sources.get(label.span.file).path().as_bytes());
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
        let file = sources.add("src/a.ts", "one\ntwo\nthree\n");
        let at = |start| {
            Diagnostic::error("ui/unknown-column", "no column `x`").at(Span::new(file, start, start + 1), "here")
        };
        let other = Diagnostic::error("ui/unknown-column", "no column `y`").at(Span::new(file, 0, 1), "here");
        let ids = finding_ids(&[at(0), at(8), other], &sources);
        assert!(ids[0].starts_with("ls-") && ids[0].len() == 13, "{}", ids[0]);
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        assert_ne!(ids[2], ids[0]);
        let moved = finding_ids(&[at(4)], &sources);
        assert_eq!(moved[0], ids[0], "a finding keeps its id when its line moves");
    }
}
