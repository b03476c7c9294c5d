//! The order migration tools apply files in, by file name: sqlx (`20240101120000_name.sql`,
//! by the number), the Supabase CLI (`<timestamp>_name.sql`, by the file name), Flyway (`V1.2__name.sql`, repeatables `R__name.sql` last) and
//! golang-migrate (`0001_name.up.sql`; `.down.sql` files are never applied).

use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A numeric version prefix, compared as a number (sqlx, dbmate).
    Timestamped,
    /// The Supabase CLI: only `<digits>_<name>.sql` files are migrations, applied in file-name
    /// order (so `20260129_fix.sql` comes after `20260128000000_initial.sql`); other files are
    /// skipped, as `supabase db push` skips them.
    Supabase,
    Flyway,
    UpDown,
}

/// Which of `names` are migrations, in the order they apply. Names that are not SQL files, and
/// `.down.sql` and Flyway undo files, are left out.
pub fn order_migrations(layout: Layout, names: &[String]) -> Vec<String> {
    let mut selected: Vec<&String> = names
        .iter()
        .filter(|n| {
            let lower = n.to_ascii_lowercase();
            std::path::Path::new(&lower).extension().is_some_and(|e| e == "sql")
                && !lower.ends_with(".down.sql")
                && (layout != Layout::UpDown || lower.ends_with(".up.sql"))
        })
        .filter(|n| !(layout == Layout::Flyway && n.starts_with('U') && n.contains("__")))
        .filter(|n| layout != Layout::Supabase || is_supabase_migration(n))
        .collect();
    if layout == Layout::Supabase {
        selected.sort();
        return selected.into_iter().cloned().collect();
    }
    selected.sort_by(|a, b| compare(layout, a, b));
    selected.into_iter().cloned().collect()
}

/// `^[0-9]+_.*\.sql$`, the pattern the Supabase CLI requires of a migration's file name.
#[expect(clippy::case_sensitive_file_extension_comparisons, reason = "the Supabase CLI's pattern is case-sensitive")]
fn is_supabase_migration(name: &str) -> bool {
    let digits = name.find(|c: char| !c.is_ascii_digit()).unwrap_or(name.len());
    digits > 0 && name[digits..].starts_with('_') && name.ends_with(".sql")
}

fn compare(layout: Layout, a: &str, b: &str) -> Ordering {
    key(layout, a).cmp(&key(layout, b)).then_with(|| a.cmp(b))
}

/// Sort key: (group, version numbers). Group 0 holds versioned files; group 1 files without a
/// version (and Flyway repeatables), which run after them, by name.
fn key(layout: Layout, name: &str) -> (u8, Vec<u128>) {
    let versioned = match layout {
        Layout::Flyway => name.strip_prefix('V').and_then(|rest| rest.split_once("__")).map(|(version, _)| version),
        Layout::Timestamped | Layout::UpDown | Layout::Supabase => {
            let digits = name.find(|c: char| !c.is_ascii_digit()).unwrap_or(name.len());
            (digits > 0).then(|| &name[..digits])
        }
    };
    match versioned {
        Some(version) => (0, version.split(['.', '_']).map(|part| part.parse::<u128>().unwrap_or(u128::MAX)).collect()),
        None => (1, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(layout: Layout, names: &[&str]) -> Vec<String> {
        order_migrations(layout, &names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn timestamped_files_order_numerically() {
        assert_eq!(
            order(Layout::Timestamped, &["20240102_b.sql", "9_early.sql", "20240101_a.sql", "README.md", "x.down.sql"]),
            ["9_early.sql", "20240101_a.sql", "20240102_b.sql"]
        );
    }

    #[test]
    fn supabase_orders_by_file_name_and_skips_unversioned_files() {
        assert_eq!(
            order(
                Layout::Supabase,
                &[
                    "20260129_fix.sql",
                    "20260128000000_initial_schema.sql",
                    "schema.sql",
                    "0_a.sql",
                    "README.md",
                    "1_b.SQL"
                ]
            ),
            ["0_a.sql", "20260128000000_initial_schema.sql", "20260129_fix.sql"]
        );
    }

    #[test]
    fn flyway_versions_compare_part_by_part() {
        assert_eq!(
            order(Layout::Flyway, &["V1.10__c.sql", "V1.2__b.sql", "R__views.sql", "V1__a.sql", "U1.2__undo.sql"]),
            ["V1__a.sql", "V1.2__b.sql", "V1.10__c.sql", "R__views.sql"]
        );
    }

    #[test]
    fn up_down_uses_up_files_only() {
        assert_eq!(
            order(Layout::UpDown, &["2_b.up.sql", "2_b.down.sql", "10_c.up.sql", "1_a.up.sql"]),
            ["1_a.up.sql", "2_b.up.sql", "10_c.up.sql"]
        );
    }
}
