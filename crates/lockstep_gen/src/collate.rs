//! The order the reference generator sorts names in: JavaScript's `localeCompare`, which in
//! Node is ICU's root collation. For the names a schema holds this means punctuation before
//! digits before letters, letters compared without case first, then lower case before upper.
//! Characters outside ASCII sort after ASCII letters by code point (ICU would interleave accented
//! letters with their base letter; such names are rare in schemas, and the order stays
//! deterministic).

use std::cmp::Ordering;

/// Compares two names as `a.localeCompare(b)` does for ASCII text.
pub fn compare(a: &str, b: &str) -> Ordering {
    let primary = |s: &str| s.chars().map(primary_weight).collect::<Vec<u32>>();
    primary(a)
        .cmp(&primary(b))
        // Tertiary level: lower case before upper case, at the first difference.
        .then_with(|| {
            let case = |s: &str| s.chars().map(|c| u8::from(c.is_uppercase())).collect::<Vec<u8>>();
            case(a).cmp(&case(b))
        })
        .then_with(|| a.cmp(b))
}

/// Sorts `items` by the name `key` gives, in `localeCompare` order (stable, as `Array.sort`).
pub fn sort_by_name<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|x, y| compare(key(x), key(y)));
}

/// ICU root order of ASCII punctuation and symbols, then digits, then letters.
const PUNCTUATION: &str = "\t\n\u{b}\u{c}\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

fn primary_weight(c: char) -> u32 {
    if let Some(at) = PUNCTUATION.find(c) {
        return at as u32;
    }
    let base = PUNCTUATION.len() as u32;
    if c.is_ascii_digit() {
        return base + (c as u32 - '0' as u32);
    }
    if c.is_ascii_alphabetic() {
        return base + 10 + (c.to_ascii_lowercase() as u32 - 'a' as u32);
    }
    // Other characters after every ASCII letter, by code point.
    base + 36 + c as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        sort_by_name(&mut names, String::as_str);
        names
    }

    #[test]
    fn sorts_as_locale_compare() {
        // Node: ["a_b", "a1", "ab", "B", "ba"].sort((x, y) => x.localeCompare(y))
        assert_eq!(sorted(&["ba", "ab", "a1", "B", "a_b"]), ["a_b", "a1", "ab", "B", "ba"]);
        assert_eq!(sorted(&["userId", "user_id", "userid"]), ["user_id", "userid", "userId"]);
        assert_eq!(sorted(&["Zeta", "alpha", "beta"]), ["alpha", "beta", "Zeta"]);
    }
}
