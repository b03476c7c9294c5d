//! Changes judged by a real PostgreSQL: a database built from one contract, then the DDL of the
//! diff to another contract applied in one transaction, must read back as the other contract.

use lockstep_db::ddl::render;

use crate::support::{apply, changes, database, introspect, lowered, start};

/// Builds `before`, moves it to `after`, and returns the DDL of the move.
fn migrate(before: &str, after: &str) -> String {
    let (before, after) = (lowered(before), lowered(after));
    let mut client = database("change");
    apply(&mut client, &render(&changes(&start(), &before.schema))).expect("the first contract applies");
    let current = introspect(&mut client);
    let sql = render(&changes(&current, &after.schema));
    if let Err(message) = apply(&mut client, &sql) {
        panic!("the change does not apply: {message}\n{sql}");
    }
    let left = changes(&introspect(&mut client), &after.schema);
    assert!(left.is_empty(), "after applying\n{sql}\nthe database still differs:\n{}", render(&left));
    sql
}

const BEFORE: &str = r"
enum Status { draft published archived }

entity User {
  id    uuid @id @default(random)
  email text @unique
  name  text?

  allow select to authenticated when id == auth.uid
}

entity Post {
  id       uuid   @id @default(random)
  authorId uuid   -> User.id on delete cascade
  title    text   @check(`length(title) > 0`)
  status   Status = draft
  views    int    = 0
  tags     text[] = []

  @@index(authorId)
  allow select to authenticated when authorId == auth.uid
}
";

/// `BEFORE` with `edits` applied, each a `(from, to)` text replacement that must match.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BEFORE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "`{from}` is not in the contract");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn nothing_to_do_between_equal_contracts() {
    assert_eq!(migrate(BEFORE, BEFORE), "");
}

#[test]
fn columns_are_added_dropped_and_altered() {
    let after = edited(&[
        ("  name  text?\n", "  name  text\n  bio   text? = \"\"\n"),
        ("  views    int    = 0\n", "  views    bigint = 1\n"),
        ("  tags     text[] = []\n", ""),
    ]);
    let sql = migrate(BEFORE, &after);
    assert!(sql.contains("drop column tags"), "{sql}");
    assert!(sql.contains("type bigint"), "{sql}");
    assert!(sql.contains("set not null"), "{sql}");
}

#[test]
fn keys_foreign_keys_checks_and_indexes_change() {
    let after = edited(&[
        ("email text @unique", "email text"),
        ("  name  text?\n", "  name  text? @unique\n"),
        ("on delete cascade", "on delete restrict"),
        ("`length(title) > 0`", "`length(title) > 3`"),
        ("@@index(authorId)", "@@index(authorId, status)"),
    ]);
    migrate(BEFORE, &after);
}

#[test]
fn enum_values_are_added_and_removed() {
    migrate(BEFORE, &edited(&[("{ draft published archived }", "{ idea draft review published archived }")]));
    migrate(BEFORE, &edited(&[("{ draft published archived }", "{ draft published }")]));
    migrate(BEFORE, &edited(&[("{ draft published archived }", "{ published draft }"), ("= draft", "= published")]));
}

#[test]
fn policies_and_row_level_security_change() {
    let after = edited(&[
        ("allow select to authenticated when id == auth.uid\n", ""),
        (
            "allow select to authenticated when authorId == auth.uid",
            "allow select to anon, authenticated when status == \"published\"\n  allow update to authenticated when authorId == auth.uid",
        ),
    ]);
    let sql = migrate(BEFORE, &after);
    assert!(sql.contains("disable row level security"), "{sql}");
    migrate(&after, BEFORE);
}

#[test]
fn entities_are_added_and_dropped() {
    let comment = "\nentity Comment {\n  id     uuid @id @default(random)\n  postId uuid -> Post.id on delete cascade\n  userId uuid -> auth.users.id\n  body   text\n\n  allow insert to authenticated check userId == auth.uid\n}\n";
    let with_comments = format!("{BEFORE}{comment}");
    migrate(BEFORE, &with_comments);
    migrate(&with_comments, BEFORE);
    // Every table at once, in an order foreign keys allow.
    migrate(&with_comments, "enum Status { draft }\n");
}
