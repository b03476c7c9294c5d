//! The names Postgres chooses for constraints and indexes that the SQL does not name, so a
//! later `DROP CONSTRAINT orders_total_check` finds what it finds in a real database.

/// Postgres's identifier limit (`NAMEDATALEN - 1`).
const MAX_NAME: usize = 63;

/// `makeObjectName`: `name1_name2_label`, shortening the longer of `name1` and `name2` until
/// the whole fits in 63 bytes.
pub fn object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let mut first: Vec<char> = name1.chars().collect();
    let mut second: Vec<char> = name2.map(|n| n.chars().collect()).unwrap_or_default();
    let overhead = label.len() + 1 + usize::from(name2.is_some());
    let available = MAX_NAME.saturating_sub(overhead);
    let bytes = |chars: &[char]| chars.iter().map(|c| c.len_utf8()).sum::<usize>();
    while bytes(&first) + bytes(&second) > available {
        if bytes(&first) > bytes(&second) {
            first.pop();
        } else {
            second.pop();
        }
    }
    let mut name: String = first.into_iter().collect();
    if name2.is_some() {
        name.push('_');
        name.extend(second);
    }
    name.push('_');
    name.push_str(label);
    name
}

/// `ChooseConstraintName`/`ChooseRelationName`: the first of `base`, `base1`, `base2`, ... (the
/// digits replacing the label's end when too long) that `taken` does not contain.
pub fn choose(name1: &str, name2: Option<&str>, label: &str, taken: &mut dyn FnMut(&str) -> bool) -> String {
    let mut candidate = object_name(name1, name2, label);
    let mut n = 0;
    while taken(&candidate) {
        n += 1;
        candidate = object_name(name1, name2, &format!("{label}{n}"));
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_postgres() {
        assert_eq!(object_name("orders", None, "pkey"), "orders_pkey");
        assert_eq!(object_name("orders", Some("customer_id"), "fkey"), "orders_customer_id_fkey");
        let long = "a".repeat(60);
        let name = object_name(&long, Some("column"), "key");
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("_column_key"));
        assert_eq!(choose("t", Some("x"), "check", &mut |n| n == "t_x_check"), "t_x_check1");
    }
}
