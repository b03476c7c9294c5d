//! "Did you mean" suggestions: the closest known name by edit distance, ignoring case.

/// Edit distance between two strings, by characters, case-insensitively, where a swap of two
/// neighbouring characters counts as one edit (optimal string alignment), since `txet` for
/// `text` is the commonest typo of all.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let width = b.len() + 1;
    let mut table = vec![0usize; (a.len() + 1) * width];
    for (i, row) in table.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in table.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[(i - 1) * width + j] + 1)
                .min(table[i * width + j - 1] + 1)
                .min(table[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[(i - 2) * width + j - 2] + 1);
            }
            table[i * width + j] = best;
        }
    }
    table[a.len() * width + b.len()]
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
    let folded = fold(name);
    let limit = (name.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name {
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
}
