//! Applying migrations to a live database: the history table (`history`), what is applied,
//! pending or changed (`status`), and the all-or-nothing apply under an advisory try-lock
//! (`apply`).

mod apply;
mod history;
mod status;

pub use apply::{ApplyError, ApplyEvent, ApplyOptions, ApplyReport, apply};
pub use history::{Applied, HistoryKind, read_history};
pub use status::{State, StatusLine, status};

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// The first line that marks a migration which cannot run inside a transaction (`create index
/// concurrently`, `vacuum`): it runs alone, after the batch before it commits, with its own
/// history row. `migrate plan` writes it; the lint honours it.
pub use lockstep_sql::migration_facts::NO_TRANSACTION_MARKER;
use lockstep_sql::migration_facts::has_no_transaction_marker;

/// One local migration file.
#[derive(Clone, Debug)]
pub struct Migration {
    /// The version its history row carries (`20240101120000`, Flyway's `1.2`).
    pub version: String,
    pub name: String,
    /// The path as shown to the user.
    pub shown: String,
    pub text: String,
}

impl Migration {
    /// SHA-256 of the text with CRLF line ends read as LF, hex: a file saved on Windows is the
    /// same migration.
    pub fn checksum(&self) -> String {
        checksum(&self.text)
    }

    /// Whether the file does not start with [`NO_TRANSACTION_MARKER`].
    pub fn transactional(&self) -> bool {
        !has_no_transaction_marker(&self.text)
    }

    /// Whether it adds a value to an enum type (`alter type ... add value`): Postgres refuses to
    /// use the value before the transaction that added it commits.
    pub fn adds_enum_value(&self) -> bool {
        // The lint's facts see top-level statements; this also sees `DO` blocks, which apps use
        // to add a value only when it is missing. A false match only ends a batch early.
        self.statements().iter().any(|statement| {
            let words = statement.split_whitespace().map(str::to_ascii_lowercase).collect::<Vec<_>>().join(" ");
            words.find("alter type ").is_some_and(|at| words[at..].contains(" add value "))
        })
    }

    /// The statements, trimmed, as the Supabase CLI stores them in its history.
    pub fn statements(&self) -> Vec<String> {
        let text = self.text.replace("\r\n", "\n");
        lockstep_sql::split::split_statements(&text)
            .into_iter()
            .map(|s| text[s.start as usize..s.end as usize].trim().trim_end_matches(';').trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Versions that more than one local migration carries, with their files: a history keyed by
/// version can record only one of them.
pub fn duplicate_versions(local: &[Migration]) -> Vec<(String, Vec<String>)> {
    let mut seen: std::collections::BTreeMap<&str, Vec<String>> = std::collections::BTreeMap::new();
    for migration in local {
        seen.entry(&migration.version).or_default().push(migration.shown.clone());
    }
    seen.into_iter().filter(|(_, files)| files.len() > 1).map(|(v, files)| (v.to_owned(), files)).collect()
}

pub(crate) fn checksum(text: &str) -> String {
    let digest = Sha256::digest(text.replace("\r\n", "\n").as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in &digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The version and name a migration file's name gives: `20240101120000_create_orders.sql`,
/// Flyway's `V1_2__create_orders.sql` (version `1.2`), `0001_init.up.sql`, Prisma's
/// `20240101120000_init/migration.sql`. A name with no leading version is its own version.
pub fn version_and_name(file: &str) -> (String, String) {
    let file = file.replace('\\', "/");
    let stem = if let Some(folder) = file.strip_suffix("/migration.sql") {
        folder.rsplit('/').next().unwrap_or(folder).to_owned()
    } else {
        let base = file.rsplit('/').next().unwrap_or(&file);
        let lower = base.to_ascii_lowercase();
        let cut = [".up.sql", ".sql"].iter().find(|s| lower.ends_with(*s)).map_or(0, |s| s.len());
        base[..base.len() - cut].to_owned()
    };
    if let Some((version, name)) = stem.strip_prefix(['V', 'v']).and_then(|rest| rest.split_once("__")) {
        if !version.is_empty() && version.chars().all(|c| c.is_ascii_digit() || c == '_' || c == '.') {
            return (version.replace('_', "."), name.to_owned());
        }
    }
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    match stem[digits..].strip_prefix('_') {
        Some(name) if digits > 0 => (stem[..digits].to_owned(), name.to_owned()),
        _ if digits == stem.len() && digits > 0 => (stem.clone(), String::new()),
        _ => (stem.clone(), stem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(text: &str) -> Migration {
        Migration { version: "1".to_owned(), name: "m".to_owned(), shown: "m.sql".to_owned(), text: text.to_owned() }
    }

    #[test]
    fn versions_come_from_every_layout() {
        assert_eq!(
            version_and_name("20240101120000_create_orders.sql"),
            ("20240101120000".into(), "create_orders".into())
        );
        assert_eq!(version_and_name("V1_2__create_orders.sql"), ("1.2".into(), "create_orders".into()));
        assert_eq!(version_and_name("0001_init.up.sql"), ("0001".into(), "init".into()));
        assert_eq!(version_and_name("20240101_init/migration.sql"), ("20240101".into(), "init".into()));
        assert_eq!(version_and_name("schema.sql"), ("schema".into(), "schema".into()));
    }

    #[test]
    fn line_ends_do_not_change_a_checksum_but_edits_do() {
        let lf = migration("create table a (id int);\n");
        let crlf = migration("create table a (id int);\r\n");
        let edited = migration("create table a (id bigint);\n");
        assert_eq!(lf.checksum(), crlf.checksum());
        assert_ne!(lf.checksum(), edited.checksum());
        assert_eq!(lf.checksum().len(), 64);
    }

    #[test]
    fn the_marker_in_the_header_makes_a_migration_non_transactional() {
        assert!(migration("create index i on t (a);").transactional());
        assert!(!migration("-- lockstep:no-transaction\ncreate index concurrently i on t (a);").transactional());
        assert!(migration("-- made by hand\n-- lockstep:no-transaction\ncreate table t (a int);").transactional());
    }

    #[test]
    fn two_files_with_one_version_are_found() {
        let mut a = migration("x");
        a.version = "20240101000000".to_owned();
        a.shown = "20240101000000_a.sql".to_owned();
        let mut b = a.clone();
        b.shown = "20240101000000_b.sql".to_owned();
        let mut c = a.clone();
        c.version = "20240102000000".to_owned();
        assert_eq!(
            duplicate_versions(&[a, b, c]),
            [("20240101000000".to_owned(), vec!["20240101000000_a.sql".to_owned(), "20240101000000_b.sql".to_owned()])]
        );
    }

    #[test]
    fn adding_an_enum_value_is_seen_in_any_spelling() {
        assert!(migration("ALTER TYPE public.app_role ADD VALUE IF NOT EXISTS 'director';").adds_enum_value());
        assert!(migration("do $$ begin\n  alter type mood\n    add value 'meh';\nend $$;").adds_enum_value());
        assert!(!migration("alter type mood rename value 'sad' to 'blue';").adds_enum_value());
        assert!(!migration("alter table t add column value int;").adds_enum_value());
    }

    #[test]
    fn statements_are_split_and_trimmed() {
        let m = migration("create table a (id int);\r\n\r\ninsert into a values (1);\n");
        assert_eq!(m.statements(), ["create table a (id int)", "insert into a values (1)"]);
    }
}
