//! The names of new migration files, in the app's own layout: Supabase and sqlx timestamps
//! (`20240101120000_name.sql`), numbered files (`0004_name.sql`), Flyway versions
//! (`V5__name.sql`), golang-migrate (`0004_name.up.sql`) and Prisma folders
//! (`20240101120000_name/migration.sql`). Each new name sorts after every existing one.

use lockstep_config::MigrationLayout;

/// How the app names its migrations, read from the names already there and the configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Naming {
    /// A 14-digit UTC timestamp `YYYYMMDDHHMMSS`; `folders`: Prisma's `<version>_<name>/migration.sql`.
    Timestamp { folders: bool },
    /// A zero-padded counter of this width (`0004_name.sql`).
    Counter { width: usize },
    /// Flyway's `V<n>__name.sql`.
    Flyway,
}

/// The naming of a migrations folder holding `entries` (file names, and `<folder>/migration.sql`
/// for Prisma folders).
pub fn detect(layout: MigrationLayout, entries: &[String]) -> Naming {
    if layout == MigrationLayout::Flyway {
        return Naming::Flyway;
    }
    let folders = entries.iter().any(|e| e.ends_with("/migration.sql"));
    let widths: Vec<usize> = entries.iter().filter_map(|e| version(e)).map(str::len).collect();
    match widths.iter().max() {
        Some(&width) if width < 14 && !folders => Naming::Counter { width },
        _ => Naming::Timestamp { folders },
    }
}

/// The leading digits of a file or folder name.
fn version(entry: &str) -> Option<&str> {
    let digits = entry.find(|c: char| !c.is_ascii_digit()).unwrap_or(entry.len());
    (digits > 0).then(|| &entry[..digits])
}

/// The next `count` names (paths relative to the migrations folder) for a migration called
/// `name` (already [`sanitize`]d), at `now` (seconds since the Unix epoch).
pub fn next_names(
    naming: &Naming,
    layout: MigrationLayout,
    entries: &[String],
    name: &str,
    now: u64,
    count: usize,
) -> Vec<String> {
    let suffix = if layout == MigrationLayout::UpDown { ".up.sql" } else { ".sql" };
    match naming {
        Naming::Timestamp { folders } => {
            let latest = entries.iter().filter_map(|e| version(e)).filter_map(|v| v.parse::<u64>().ok()).max();
            let mut stamp = timestamp(now);
            (0..count)
                .map(|at| {
                    if at > 0 || latest.is_some_and(|l| l >= stamp) {
                        stamp = next_timestamp(stamp.max(latest.unwrap_or(0)));
                    }
                    if *folders { format!("{stamp}_{name}/migration.sql") } else { format!("{stamp}_{name}{suffix}") }
                })
                .collect()
        }
        Naming::Counter { width } => {
            let latest =
                entries.iter().filter_map(|e| version(e)).filter_map(|v| v.parse::<u64>().ok()).max().unwrap_or(0);
            (1..=count as u64).map(|n| format!("{:0width$}_{name}{suffix}", latest + n)).collect()
        }
        Naming::Flyway => {
            let latest = entries
                .iter()
                .filter_map(|e| e.strip_prefix('V').and_then(|rest| rest.split_once("__")))
                .filter_map(|(version, _)| version.split(['.', '_']).next()?.parse::<u64>().ok())
                .max()
                .unwrap_or(0);
            (1..=count as u64).map(|n| format!("V{}__{name}.sql", latest + n)).collect()
        }
    }
}

/// A migration name as files carry it: lower case, `_` between words, at most 60 bytes.
/// `None` when nothing of it is left.
pub fn sanitize(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.truncate(60);
    let trimmed = out.trim_end_matches('_');
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// `YYYYMMDDHHMMSS` in UTC.
fn timestamp(seconds: u64) -> u64 {
    let days = seconds / 86_400;
    let rest = seconds % 86_400;
    let (year, month, day) = civil(days);
    ((year * 100 + month) * 100 + day) * 1_000_000 + (rest / 3600) * 10_000 + (rest % 3600 / 60) * 100 + rest % 60
}

/// The timestamp one second after `stamp` (minutes and hours roll over; a day boundary reached
/// this way only needs to sort later, which `+ 1` past 59 seconds still does within the day).
fn next_timestamp(stamp: u64) -> u64 {
    let seconds = stamp % 100;
    let minutes = stamp / 100 % 100;
    let hours = stamp / 10_000 % 100;
    let day = stamp / 1_000_000;
    match (seconds + 1, minutes, hours) {
        (60, 59, 23) => stamp + 1,
        (60, 59, _) => day * 1_000_000 + (hours + 1) * 10_000,
        (60, _, _) => day * 1_000_000 + hours * 10_000 + (minutes + 1) * 100,
        _ => stamp + 1,
    }
}

/// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's civil calendar).
fn civil(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Seconds since the Unix epoch: `SOURCE_DATE_EPOCH` when set (reproducible runs), else the
/// clock.
pub fn now() -> u64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse().ok()) {
        return epoch;
    }
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(layout: MigrationLayout, entries: &[&str], count: usize) -> Vec<String> {
        let entries: Vec<String> = entries.iter().map(|e| (*e).to_owned()).collect();
        next_names(&detect(layout, &entries), layout, &entries, "add_notes", 1_764_650_096, count)
    }

    #[test]
    fn timestamps_are_utc_and_follow_the_latest() {
        assert_eq!(timestamp(0), 19_700_101_000_000);
        assert_eq!(timestamp(1_764_650_096), 20_251_202_043_456);
        assert_eq!(
            names(MigrationLayout::Timestamped, &["20240101000000_init.sql"], 2),
            ["20251202043456_add_notes.sql", "20251202043457_add_notes.sql"]
        );
        // A migration dated after now: the new one still sorts last.
        assert_eq!(
            names(MigrationLayout::Timestamped, &["20991231235959_future.sql"], 1),
            ["20991231235960_add_notes.sql"]
        );
        assert_eq!(next_timestamp(20_240_101_125_959), 20_240_101_130_000);
        assert_eq!(names(MigrationLayout::Timestamped, &[], 1), ["20251202043456_add_notes.sql"]);
    }

    #[test]
    fn counters_flyway_up_down_and_prisma_folders() {
        assert_eq!(
            names(MigrationLayout::Timestamped, &["0001_init.sql", "0009_more.sql"], 2),
            ["0010_add_notes.sql", "0011_add_notes.sql"]
        );
        assert_eq!(
            names(MigrationLayout::Flyway, &["V1__init.sql", "V2.1__more.sql", "R__views.sql"], 1),
            ["V3__add_notes.sql"]
        );
        assert_eq!(
            names(MigrationLayout::UpDown, &["000001_init.up.sql", "000001_init.down.sql"], 1),
            ["000002_add_notes.up.sql"]
        );
        assert_eq!(
            names(MigrationLayout::Timestamped, &["20240101000000_init/migration.sql", "migration_lock.toml"], 1),
            ["20251202043456_add_notes/migration.sql"]
        );
    }

    #[test]
    fn names_are_sanitized() {
        assert_eq!(sanitize("Add notes!").as_deref(), Some("add_notes"));
        assert_eq!(sanitize("../../etc/passwd").as_deref(), Some("etc_passwd"));
        assert_eq!(sanitize("--"), None);
        assert_eq!(sanitize(&"x".repeat(100)).map(|s| s.len()), Some(60));
    }
}
