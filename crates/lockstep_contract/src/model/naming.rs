//! Naming rules: one canonical name per field, mapped to each layer's casing.

use lockstep_diagnostics::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
    SnakeCase,
    CamelCase,
    PascalCase,
    AsIs,
}

impl Casing {
    pub const ALL: [(&'static str, Casing); 4] = [
        ("snake_case", Casing::SnakeCase),
        ("camelCase", Casing::CamelCase),
        ("PascalCase", Casing::PascalCase),
        ("as_is", Casing::AsIs),
    ];

    pub fn as_str(self) -> &'static str {
        Casing::ALL.iter().find(|(_, c)| *c == self).map_or("as_is", |(name, _)| name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableNaming {
    /// `OrderItem` → `order_items` (in the db casing), the Supabase and Rails habit.
    Plural,
    /// `OrderItem` → `order_item`
    Singular,
    /// The entity name as written.
    AsIs,
}

impl TableNaming {
    pub const ALL: [(&'static str, TableNaming); 3] =
        [("plural", TableNaming::Plural), ("singular", TableNaming::Singular), ("as_is", TableNaming::AsIs)];

    pub fn as_str(self) -> &'static str {
        TableNaming::ALL.iter().find(|(_, t)| *t == self).map_or("as_is", |(name, _)| name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Naming {
    pub db: Casing,
    pub api: Casing,
    pub table: TableNaming,
    /// The `naming` block, when the contract has one.
    pub span: Option<Span>,
}

impl std::default::Default for Naming {
    fn default() -> Naming {
        Naming { db: Casing::SnakeCase, api: Casing::CamelCase, table: TableNaming::Plural, span: None }
    }
}

impl Naming {
    pub fn table_name(&self, entity: &str) -> String {
        match self.table {
            TableNaming::AsIs => entity.to_owned(),
            TableNaming::Singular => convert_case(entity, self.db),
            TableNaming::Plural => {
                let mut words = split_words(entity);
                if let Some(last) = words.last_mut() {
                    *last = pluralize(last);
                }
                join_words(&words, self.db)
            }
        }
    }
}

/// Splits a name into lowercase words at `_`, `-`, and case changes: `customerID` →
/// `[customer, id]`, `HTMLPage` → `[html, page]`, `address2` → `[address2]`.
pub fn split_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' || c == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_uppercase() && !current.is_empty() {
            let previous = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if previous.is_lowercase() || previous.is_ascii_digit() || (previous.is_uppercase() && next_is_lower) {
                words.push(std::mem::take(&mut current));
            }
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn join_words(words: &[String], casing: Casing) -> String {
    match casing {
        Casing::SnakeCase | Casing::AsIs => words.join("_"),
        Casing::CamelCase | Casing::PascalCase => {
            let mut out = String::new();
            for (i, word) in words.iter().enumerate() {
                if i == 0 && casing == Casing::CamelCase {
                    out.push_str(word);
                } else {
                    let mut chars = word.chars();
                    if let Some(first) = chars.next() {
                        out.extend(first.to_uppercase());
                        out.push_str(chars.as_str());
                    }
                }
            }
            out
        }
    }
}

/// Writes a name in a casing. `AsIs` keeps it untouched.
pub fn convert_case(name: &str, casing: Casing) -> String {
    if casing == Casing::AsIs {
        return name.to_owned();
    }
    join_words(&split_words(name), casing)
}

/// The English plural of one lowercase word, for table names.
pub fn pluralize(word: &str) -> String {
    const IRREGULAR: [(&str, &str); 6] = [
        ("person", "people"),
        ("child", "children"),
        ("man", "men"),
        ("woman", "women"),
        ("mouse", "mice"),
        ("data", "data"),
    ];
    if let Some((_, plural)) = IRREGULAR.iter().find(|(singular, _)| *singular == word) {
        return (*plural).to_owned();
    }
    let ends_with_consonant_y = word.ends_with('y') && !word[..word.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if ends_with_consonant_y && word.len() > 1 {
        format!("{}ies", &word[..word.len() - 1])
    } else if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_casing_into_the_same_words() {
        for name in ["customer_id", "customerId", "CustomerId", "customerID", "CUSTOMER_ID"] {
            assert_eq!(split_words(name), ["customer", "id"], "{name}");
        }
        assert_eq!(split_words("HTMLPage"), ["html", "page"]);
        assert_eq!(split_words("address2Line"), ["address2", "line"]);
    }

    #[test]
    fn converts_between_casings() {
        assert_eq!(convert_case("fullName", Casing::SnakeCase), "full_name");
        assert_eq!(convert_case("full_name", Casing::CamelCase), "fullName");
        assert_eq!(convert_case("full_name", Casing::PascalCase), "FullName");
        assert_eq!(convert_case("fullName", Casing::AsIs), "fullName");
    }

    #[test]
    fn table_names_follow_the_rule() {
        let naming = Naming::default();
        assert_eq!(naming.table_name("Order"), "orders");
        assert_eq!(naming.table_name("OrderItem"), "order_items");
        assert_eq!(naming.table_name("Category"), "categories");
        assert_eq!(naming.table_name("Person"), "people");
        assert_eq!(naming.table_name("Address"), "addresses");
        assert_eq!(naming.table_name("Day"), "days");
        let singular = Naming { table: TableNaming::Singular, ..Naming::default() };
        assert_eq!(singular.table_name("OrderItem"), "order_item");
    }
}
