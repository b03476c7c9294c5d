//! Bounds on SQL that `sqlparser` would read at unbounded cost: a flat chain of operators
//! (`1+1+...`, `a or b or ...`) is parsed in a loop, under the parser's recursion limit, into a
//! tree as deep as the chain, and every later pass over that tree (printing, comparing,
//! dropping) recurses once per operator.

/// Operators in the expressions open at once (a flat chain, plus the chains of the levels of
/// parentheses around it). Hand-written checks and policies stay far below; generated ones that
/// reach it are skipped with a finding. Each operator costs a few kilobytes of stack in the
/// passes over the tree, so this keeps them within a default thread's stack.
pub const MAX_SQL_CHAIN: usize = 200;

/// Where `sql` first chains more than [`MAX_SQL_CHAIN`] operators, if it does. Strings, quoted
/// names, dollar quotes and comments are skipped; errors count more, never less: an operator
/// inside a misread string is counted. A run of operator characters (`->>`, `::`, `+-`) counts
/// once: unary chains are bounded by the parser's own recursion limit.
pub fn chain_too_long(sql: &str) -> Option<usize> {
    let bytes = sql.as_bytes();
    // The operators of the enclosing levels, and of the current one.
    let mut outer: Vec<usize> = Vec::new();
    let mut outer_total = 0usize;
    let mut chain = 0usize;
    let is_operator = |b: u8| {
        matches!(
            b,
            b'+' | b'-'
                | b'*'
                | b'/'
                | b'%'
                | b'<'
                | b'>'
                | b'='
                | b'!'
                | b'|'
                | b'&'
                | b'^'
                | b'~'
                | b'#'
                | b'@'
                | b':'
        )
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\'' | b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    i += 1;
                }
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                // Nested comments only end later: skipping to the first `*/` reads more as SQL.
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'$' => {
                let tag_end = bytes[i + 1..].iter().position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'));
                if let Some(len) = tag_end.filter(|&len| bytes.get(i + 1 + len) == Some(&b'$')) {
                    let tag = &bytes[i..i + len + 2];
                    let body = i + len + 2;
                    let close = bytes[body..].windows(tag.len()).position(|w| w == tag);
                    i = close.map_or(bytes.len(), |at| body + at + tag.len() - 1);
                }
            }
            b'(' => {
                outer.push(chain);
                outer_total += chain;
                chain = 0;
            }
            b')' => {
                chain = outer.pop().unwrap_or(0);
                outer_total -= chain;
            }
            b',' | b';' => chain = 0,
            b if is_operator(b) => {
                while bytes.get(i + 1).is_some_and(|&next| is_operator(next)) {
                    i += 1;
                }
                chain += 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let word = &sql[start..i];
                if ["and", "or", "not", "is", "like", "ilike", "in", "between", "collate", "at"]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(word))
                {
                    chain += 1;
                }
                if outer_total + chain > MAX_SQL_CHAIN {
                    return Some(start);
                }
                continue;
            }
            _ => {}
        }
        if outer_total + chain > MAX_SQL_CHAIN {
            return Some(i.min(bytes.len()));
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_flat_chains_not_lists() {
        let flat = format!("check (x > 1{})", "+1".repeat(MAX_SQL_CHAIN));
        assert!(chain_too_long(&flat).is_some());
        let ors = format!("a = 1{}", " or a = 1".repeat(MAX_SQL_CHAIN / 2));
        assert!(chain_too_long(&ors).is_some());
        let list = format!("x in ({})", vec!["1 + 1"; 5 * MAX_SQL_CHAIN].join(", "));
        assert_eq!(chain_too_long(&list), None);
        let quoted = format!("select '{}' || $f${}$f$", "+ ".repeat(2 * MAX_SQL_CHAIN), "- ".repeat(2 * MAX_SQL_CHAIN));
        assert_eq!(chain_too_long(&quoted), None);
        // Chains of the levels around count too.
        let nested = format!("{}1{}", "1 + (".repeat(MAX_SQL_CHAIN + 1), ")".repeat(MAX_SQL_CHAIN + 1));
        assert!(chain_too_long(&nested).is_some());
        let siblings = format!("x = 1 and {}", vec!["(a = 1 or b = 2)"; 2 * MAX_SQL_CHAIN].join(", "));
        assert_eq!(chain_too_long(&siblings), None);
    }
}
