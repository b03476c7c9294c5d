//! Contract names for database names, under the default naming rules (`db = snake_case`,
//! `api = camelCase`, `table = plural`), and whether an explicit `@map` is needed.

use lockstep_contract::model::{Casing, Naming, convert_case};

/// `order_items` → `OrderItem`.
pub fn entity_name(table: &str) -> String {
    let words: Vec<&str> = table.split('_').filter(|w| !w.is_empty()).collect();
    let Some((last, rest)) = words.split_last() else { return "Entity".to_owned() };
    let mut name: String = rest.iter().map(|w| capitalize(w)).collect();
    name.push_str(&capitalize(&singular(last)));
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        name.insert(0, 'T');
    }
    name
}

/// Whether the default naming rules give `table` for `entity`.
pub fn table_matches(entity: &str, table: &str) -> bool {
    Naming::default().table_name(entity) == table
}

/// `total_cents` → `totalCents`; the `@map` needed when the rules do not give the column back.
pub fn field_name(column: &str) -> (String, Option<String>) {
    let mut name = convert_case(column, Casing::CamelCase);
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name = format!("f{name}");
    }
    let map = (convert_case(&name, Casing::SnakeCase) != column).then(|| column.to_owned());
    (name, map)
}

/// `order_status` → `OrderStatus`, and the `@map` needed.
pub fn type_name(db: &str) -> (String, Option<String>) {
    let mut name = convert_case(db, Casing::PascalCase);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    let map = (convert_case(&name, Casing::SnakeCase) != db).then(|| db.to_owned());
    (name, map)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase())
}

/// The singular of a plural English word, for table names (`categories` → `category`).
fn singular(word: &str) -> String {
    const IRREGULAR: [(&str, &str); 6] = [
        ("people", "person"),
        ("children", "child"),
        ("men", "man"),
        ("women", "woman"),
        ("mice", "mouse"),
        ("data", "data"),
    ];
    if let Some((_, one)) = IRREGULAR.iter().find(|(many, _)| *many == word) {
        return (*one).to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "uses", "xes", "zes", "ches", "shes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_owned();
    }
    word.strip_suffix('s').unwrap_or(word).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_the_naming_rules() {
        for (table, entity) in [
            ("orders", "Order"),
            ("order_items", "OrderItem"),
            ("categories", "Category"),
            ("people", "Person"),
            ("addresses", "Address"),
            ("statuses", "Status"),
        ] {
            assert_eq!(entity_name(table), entity);
            assert!(table_matches(&entity_name(table), table), "{table}");
        }
        assert_eq!(field_name("total_cents"), ("totalCents".to_owned(), None));
        assert_eq!(field_name("userID").1.as_deref(), Some("userID"));
        assert_eq!(type_name("order_status"), ("OrderStatus".to_owned(), None));
    }
}
