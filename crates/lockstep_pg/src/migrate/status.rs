//! Local migrations against the history: applied, pending, changed since applied, applied but
//! missing here, or pending though a later one is applied (out of order).

use super::{Applied, Migration};

/// What one migration's state is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Applied,
    Pending,
    /// Applied, and the file changed since (beyond its line ends).
    Changed,
    /// In the history, with no file here.
    Missing,
    /// Not applied, though a later version is.
    OutOfOrder,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Applied => "applied",
            State::Pending => "pending",
            State::Changed => "changed since applied",
            State::Missing => "applied, missing here",
            State::OutOfOrder => "pending, out of order",
        }
    }

    /// Whether this state needs attention (`migrate status` exits 1).
    pub fn is_off(self) -> bool {
        !matches!(self, State::Applied | State::Pending)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub version: String,
    pub name: String,
    /// The local file, when there is one.
    pub shown: Option<String>,
    pub state: State,
}

/// Every migration, local or applied, in version order of the local files then the missing
/// ones.
pub fn status(local: &[Migration], applied: &[Applied]) -> Vec<StatusLine> {
    let latest_applied = local.iter().rposition(|m| applied.iter().any(|a| a.version == m.version));
    let mut lines: Vec<StatusLine> = local
        .iter()
        .enumerate()
        .map(|(index, migration)| {
            let state = match applied.iter().find(|a| a.version == migration.version) {
                Some(row) if changed(migration, row) => State::Changed,
                Some(_) => State::Applied,
                None if latest_applied.is_some_and(|latest| index < latest) => State::OutOfOrder,
                None => State::Pending,
            };
            StatusLine {
                version: migration.version.clone(),
                name: migration.name.clone(),
                shown: Some(migration.shown.clone()),
                state,
            }
        })
        .collect();
    for row in applied.iter().filter(|a| !local.iter().any(|m| m.version == a.version)) {
        lines.push(StatusLine {
            version: row.version.clone(),
            name: row.name.clone(),
            shown: None,
            state: State::Missing,
        });
    }
    lines
}

/// Whether the file differs from what was applied: by checksum in lockstep's history; by the
/// statements in Supabase's, compared without whitespace (the CLI splits and trims statements
/// its own way).
fn changed(migration: &Migration, row: &Applied) -> bool {
    if let Some(checksum) = &row.checksum {
        return *checksum != migration.checksum();
    }
    if let Some(statements) = &row.statements {
        let squeeze = |parts: &[String]| -> String {
            parts.iter().flat_map(|s| s.chars()).filter(|c| !c.is_whitespace() && *c != ';').collect()
        };
        return squeeze(statements) != squeeze(&migration.statements());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(version: &str, text: &str) -> Migration {
        Migration {
            version: version.to_owned(),
            name: "m".to_owned(),
            shown: format!("{version}_m.sql"),
            text: text.to_owned(),
        }
    }

    fn row(migration: &Migration) -> Applied {
        Applied {
            version: migration.version.clone(),
            name: migration.name.clone(),
            checksum: Some(migration.checksum()),
            statements: None,
        }
    }

    #[test]
    fn every_state_is_told_apart() {
        let one = local("1", "create table a (id int);");
        let two = local("2", "create table b (id int);");
        let three = local("3", "create table c (id int);");
        let four = local("4", "create table d (id int);");
        let mut applied = vec![row(&one), row(&three)];
        applied[1].checksum = Some("0".repeat(64));
        applied.push(Applied {
            version: "9".to_owned(),
            name: "gone".to_owned(),
            checksum: Some(String::new()),
            statements: None,
        });
        let states: Vec<State> = status(&[one, two, three, four], &applied).iter().map(|l| l.state).collect();
        assert_eq!(states, [State::Applied, State::OutOfOrder, State::Changed, State::Pending, State::Missing]);
    }

    #[test]
    fn supabase_rows_compare_statements_whatever_the_spacing() {
        let file = local("1", "create table a (id int);\r\n\r\ninsert into a values (1);\n");
        let row = Applied {
            version: "1".to_owned(),
            name: "m".to_owned(),
            checksum: None,
            statements: Some(vec!["create table a (id int)".to_owned(), "insert into a values (1)".to_owned()]),
        };
        assert_eq!(status(std::slice::from_ref(&file), std::slice::from_ref(&row))[0].state, State::Applied);
        let edited = local("1", "create table a (id bigint);\ninsert into a values (1);");
        assert_eq!(status(&[edited], &[row])[0].state, State::Changed);
    }
}
