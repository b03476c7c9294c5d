//! "Did you mean" suggestions: the closest known name by edit distance, ignoring case.

/// Names longer than this (in characters) get no suggestion: nobody mistypes a name that long,
/// and the distance costs time proportional to the product of the two lengths.
pub const MAX_SUGGESTED_NAME: usize = 256;

/// Edit distance between two strings, by characters, case-insensitively, where a swap of two
/// neighbouring characters counts as one edit (optimal string alignment), since `txet` for
/// `text` is the commonest typo of all. Keeps three rows of the table, not all of it: memory
/// grows with the shorter length only.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    // Rows i-2, i-1 and i of the (a.len()+1) x (b.len()+1) table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Normalises a name for a casing-blind comparison: `customer_id`, `customerId` and
/// `CustomerID` all become `customerid`.
fn fold(name: &str) -> String {
    name.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect()
}

/// A truncated name (`owner` for `ownerId`) counts as close when the shared prefix is long
/// enough to be deliberate.
fn prefix_distance(a: &str, b: &str) -> usize {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 4 && long.starts_with(short) && long.len() - short.len() <= 3 { 1 } else { usize::MAX }
}

/// The candidate closest to `name`, if it is close enough to be a plausible typo or a casing
/// variant. Ties go to the first candidate, so callers pass candidates in a stable order.
pub fn did_you_mean<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let length = name.chars().count();
    if length > MAX_SUGGESTED_NAME {
        return None;
    }
    let folded = fold(name);
    let limit = (length / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name || candidate.chars().count() > MAX_SUGGESTED_NAME {
            continue;
        }
        let distance = if fold(candidate) == folded {
            0
        } else {
            edit_distance(name, candidate).min(prefix_distance(&folded, &fold(candidate)))
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Text", "text"), 0);
        assert_eq!(edit_distance("txet", "text"), 1);
    }

    #[test]
    fn suggests_typos_and_casing_variants() {
        assert_eq!(did_you_mean("txet", ["text", "uuid"]), Some("text"));
        assert_eq!(did_you_mean("customerId", ["customer_id", "total"]), Some("customer_id"));
        assert_eq!(did_you_mean("fullname", ["email", "fullName"]), Some("fullName"));
        assert_eq!(did_you_mean("owner", ["id", "ownerId"]), Some("ownerId"));
    }

    #[test]
    fn stays_silent_when_nothing_is_close() {
        assert_eq!(did_you_mean("zebra", ["text", "uuid"]), None);
        assert_eq!(did_you_mean("a", ["bcd"]), None);
        assert_eq!(did_you_mean("text", ["text"]), None);
    }

    #[test]
    fn long_names_get_no_suggestion_and_no_quadratic_table() {
        // Two 45,000-character names once asked for a 16 GB table and aborted.
        let long = "a".repeat(45_000);
        let other = format!("{}b", "a".repeat(44_999));
        assert_eq!(did_you_mean(&long, [other.as_str()]), None);
        assert_eq!(did_you_mean("name", [long.as_str()]), None);
        let at_cap = "n".repeat(MAX_SUGGESTED_NAME);
        let typo = format!("{}m", "n".repeat(MAX_SUGGESTED_NAME - 1));
        assert_eq!(did_you_mean(&typo, [at_cap.as_str()]), Some(at_cap.as_str()));
    }

    #[test]
    fn distance_agrees_in_both_directions_with_rolling_rows() {
        for (a, b, d) in [("ab", "ba", 1), ("abcdef", "badcfe", 3), ("ca", "abc", 3), ("", "", 0), ("x", "", 1)] {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
            assert_eq!(edit_distance(b, a), d, "{b} {a}");
        }
    }
}
