//! Contract names for database names: the `naming` rules the schema mostly follows (picked by
//! counting what its tables and columns use), and the explicit `@map` for each name that does
//! not follow them.

use lockstep_contract::model::{Casing, Naming, TableNaming, convert_case, split_words};

/// The rules most of the schema follows. Columns of one word say nothing about casing and are
/// not counted; a tie keeps the defaults (`snake_case`, `plural`), the Supabase habit.
pub fn pick(tables: &[&str], columns: &[&str], api_keys: &[&str]) -> Naming {
    let mut naming = Naming::default();
    naming.db = majority(columns, naming.db);
    naming.api = majority(api_keys, naming.api);
    let mut votes = [(TableNaming::Plural, 0usize), (TableNaming::Singular, 0), (TableNaming::AsIs, 0)];
    for table in tables {
        let entity = entity_name(table);
        for (rule, count) in &mut votes {
            let candidate = Naming { table: *rule, ..naming.clone() };
            if candidate.table_name(&entity) == *table {
                *count += 1;
            }
        }
    }
    // The first rule with the most votes; `Plural` is first, so it wins ties.
    let most = votes.iter().map(|(_, count)| *count).max().unwrap_or(0);
    naming.table = votes.iter().find(|(_, count)| *count == most).map_or(TableNaming::Plural, |(rule, _)| *rule);
    naming
}

/// The casing most of `names` (of two words or more) use; `fallback` on a tie or none.
fn majority(names: &[&str], fallback: Casing) -> Casing {
    let (mut snake, mut camel) = (0usize, 0usize);
    for name in names {
        if split_words(name).len() < 2 {
            continue;
        }
        if convert_case(name, Casing::SnakeCase) == *name {
            snake += 1;
        } else if convert_case(name, Casing::CamelCase) == *name {
            camel += 1;
        }
    }
    match snake.cmp(&camel) {
        std::cmp::Ordering::Greater => Casing::SnakeCase,
        std::cmp::Ordering::Less => Casing::CamelCase,
        std::cmp::Ordering::Equal => fallback,
    }
}

/// `naming { ... }` as contract text.
pub fn naming_block(naming: &Naming) -> String {
    let casing = |c: Casing| Casing::ALL.iter().find(|(_, v)| *v == c).map_or("snake_case", |(name, _)| name);
    let table = match naming.table {
        TableNaming::Plural => "plural",
        TableNaming::Singular => "singular",
        TableNaming::AsIs => "as_is",
    };
    format!("naming {{\n  db = {}\n  api = {}\n  table = {table}\n}}\n", casing(naming.db), casing(naming.api))
}

/// `order_items` → `OrderItem`, `"BlogPost"` → `BlogPost`.
pub fn entity_name(table: &str) -> String {
    let mut words = split_words(table);
    if let Some(last) = words.last_mut() {
        *last = singular(last);
    }
    let mut name: String = words.iter().map(|w| capitalize(w)).collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    name
}

/// `total_cents` → `totalCents`; the `@map` needed when the rules do not give the column back.
pub fn field_name(naming: &Naming, column: &str) -> (String, Option<String>) {
    // Column names may hold any character when quoted (`"Dt.Aceite"`, `"1ª parcela"`): the
    // field name keeps the letters and digits, and `@map` the column.
    let plain: String = column.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    let mut name = convert_case(&plain, Casing::CamelCase);
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name = format!("f{name}");
    }
    let map = (convert_case(&name, naming.db) != column).then(|| column.to_owned());
    (name, map)
}

/// [`field_name`], made unique among the fields of one entity (`"Valor"` and `valor` both
/// give `valor`: the second becomes `valor2`, mapped to its column).
pub fn unique_field_name(naming: &Naming, column: &str, used: &mut Vec<String>) -> (String, Option<String>) {
    let (mut name, mut map) = field_name(naming, column);
    if used.contains(&name) {
        let base = name.clone();
        let mut n = 2;
        while used.contains(&format!("{base}{n}")) {
            n += 1;
        }
        name = format!("{base}{n}");
        map = Some(column.to_owned());
    }
    used.push(name.clone());
    (name, map)
}

/// `order_status` → `OrderStatus`, and the `@map` needed.
pub fn type_name(naming: &Naming, db: &str) -> (String, Option<String>) {
    let mut name = convert_case(db, Casing::PascalCase);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    let map = (convert_case(&name, naming.db) != db).then(|| db.to_owned());
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
    fn names_round_trip_through_the_default_rules() {
        let naming = Naming::default();
        for (table, entity) in [
            ("orders", "Order"),
            ("order_items", "OrderItem"),
            ("categories", "Category"),
            ("people", "Person"),
            ("addresses", "Address"),
            ("statuses", "Status"),
        ] {
            assert_eq!(entity_name(table), entity);
            assert_eq!(naming.table_name(&entity_name(table)), table);
        }
        assert_eq!(field_name(&naming, "total_cents"), ("totalCents".to_owned(), None));
        assert_eq!(field_name(&naming, "userID").1.as_deref(), Some("userID"));
        assert_eq!(type_name(&naming, "order_status"), ("OrderStatus".to_owned(), None));
        assert_eq!(entity_name("BlogPost"), "BlogPost");
    }

    #[test]
    fn the_rules_the_schema_mostly_follows_are_picked() {
        // Supabase style: the defaults.
        let picked = pick(&["orders", "order_items"], &["id", "total_cents", "created_at"], &[]);
        assert_eq!(naming_block(&picked), naming_block(&Naming::default()));
        // Prisma style: camelCase columns, tables named as the models.
        let picked = pick(&["User", "BlogPost", "comments"], &["createdAt", "authorId", "post_id"], &[]);
        assert_eq!((picked.db, picked.table), (Casing::CamelCase, TableNaming::AsIs));
        assert_eq!(field_name(&picked, "post_id"), ("postId".to_owned(), Some("post_id".to_owned())));
        assert_eq!(field_name(&picked, "createdAt"), ("createdAt".to_owned(), None));
        // An API that answers in snake_case.
        assert_eq!(pick(&[], &[], &["user_id", "created_at", "id"]).api, Casing::SnakeCase);
        // A tie keeps the defaults.
        let picked = pick(&["users", "Post"], &["created_at", "createdAt"], &[]);
        assert_eq!((picked.db, picked.table), (Casing::SnakeCase, TableNaming::Plural));
    }
}
