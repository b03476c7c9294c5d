//! The diff on small hand-built schemas: each kind of change, its order, and its DDL.

use lockstep_db::ddl::render;
use lockstep_schema::diff::{Change, diff, diff_in};
use lockstep_schema::object::Object;
use lockstep_sql::schema::{
    Check, Column, EnumType, Expr, ForeignKey, Identity, Index, KeyConstraint, Policy, PolicyCommand, QualifiedName,
    ReferentialAction, Schema, SqlType, Table,
};

/// The DDL of the diff from `from` to `to`.
fn check(from: &Schema, to: &Schema, expect: &str) {
    let actual = render(&diff(from, to));
    assert_eq!(actual.trim(), expect.trim(), "\n--- actual\n{actual}");
}

fn column(name: &str, ty: &str, nullable: bool, default: Option<&str>) -> Column {
    Column {
        name: name.to_owned(),
        ty: SqlType::new(ty),
        nullable,
        default: default.map(Expr::canonical_text),
        identity: None,
        generated: None,
        comment: None,
        origin: None,
    }
}

fn key(name: &str, columns: &[&str]) -> KeyConstraint {
    KeyConstraint { name: name.to_owned(), columns: columns.iter().map(|c| (*c).to_owned()).collect(), origin: None }
}

fn table(name: &str, columns: Vec<Column>) -> Table {
    Table {
        columns,
        primary_key: Some(key(&format!("{name}_pkey"), &["id"])),
        ..Table::new(QualifiedName::public(name), None)
    }
}

fn policy(name: &str, command: PolicyCommand, using: &str) -> Policy {
    Policy {
        name: name.to_owned(),
        command,
        permissive: true,
        roles: vec!["authenticated".to_owned()],
        using: Some(Expr::canonical_text(using)),
        with_check: None,
        origin: None,
    }
}

/// Users and their posts: an enum, two tables, a foreign key, a check, an index, a policy.
fn blog() -> Schema {
    let users = Table {
        uniques: vec![key("users_email_key", &["email"])],
        ..table(
            "users",
            vec![
                column("id", "uuid", false, Some("gen_random_uuid()")),
                column("email", "text", false, None),
                column("name", "text", true, Some("'anonymous'")),
            ],
        )
    };
    let posts = Table {
        foreign_keys: vec![ForeignKey {
            name: "posts_author_id_fkey".to_owned(),
            columns: vec!["author_id".to_owned()],
            references: QualifiedName::public("users"),
            referenced_columns: vec!["id".to_owned()],
            on_delete: ReferentialAction::Cascade,
            on_update: ReferentialAction::NoAction,
            origin: None,
        }],
        checks: vec![Check {
            name: "posts_check".to_owned(),
            expression: Expr::canonical_text("length(title) > 0"),
            origin: None,
        }],
        rls_enabled: true,
        policies: vec![policy("posts_select_policy", PolicyCommand::Select, "auth.uid() = author_id")],
        ..table(
            "posts",
            vec![
                column("id", "uuid", false, None),
                column("author_id", "uuid", false, None),
                column("title", "text", false, None),
                column("status", "post_status", false, Some("'draft'")),
            ],
        )
    };
    Schema {
        enums: vec![EnumType {
            name: QualifiedName::public("post_status"),
            values: vec!["draft".to_owned(), "published".to_owned()],
            origin: None,
        }],
        tables: vec![posts, users],
        indexes: vec![Index {
            name: QualifiedName::public("posts_author_id_idx"),
            table: QualifiedName::public("posts"),
            unique: false,
            partial: false,
            columns: vec!["author_id".to_owned()],
            origin: None,
        }],
        ..Schema::default()
    }
}

fn posts(schema: &mut Schema) -> &mut Table {
    schema.table_mut(&QualifiedName::public("posts")).unwrap()
}

#[test]
fn a_schema_has_no_diff_with_itself() {
    assert_eq!(diff(&blog(), &blog()), []);
    assert_eq!(diff(&Schema::default(), &Schema::default()), []);
}

#[test]
fn creating_goes_enums_tables_keys_foreign_keys_then_security() {
    check(
        &Schema::default(),
        &blog(),
        r"
create type public.post_status as enum ('draft', 'published');
create table public.posts (
  id uuid not null,
  author_id uuid not null,
  title text not null,
  status post_status not null default 'draft',
  constraint posts_pkey primary key (id),
  constraint posts_check check (length(title) > 0)
);
create table public.users (
  id uuid not null default gen_random_uuid(),
  email text not null,
  name text default 'anonymous',
  constraint users_pkey primary key (id),
  constraint users_email_key unique (email)
);
create index posts_author_id_idx on public.posts (author_id);
alter table public.posts add constraint posts_author_id_fkey foreign key (author_id) references public.users (id) on delete cascade;
alter table public.posts enable row level security;
create policy posts_select_policy on public.posts as permissive for select to authenticated
  using (auth.uid() = author_id);
",
    );
}

#[test]
fn dropping_goes_in_reverse_and_drops_foreign_keys_and_policies_first() {
    check(
        &blog(),
        &Schema::default(),
        r"
drop policy posts_select_policy on public.posts;
alter table public.posts drop constraint posts_author_id_fkey;
drop table public.posts;
drop table public.users;
drop type public.post_status;
",
    );
}

#[test]
fn column_changes() {
    let mut to = blog();
    let users = to.table_mut(&QualifiedName::public("users")).unwrap();
    users.columns[1].ty = SqlType::new("character varying(200)");
    users.columns[2].nullable = false;
    users.columns[2].default = None;
    users.columns.push(Column { identity: Some(Identity::ByDefault), ..column("seq", "bigint", false, None) });
    users.columns.retain(|c| c.name != "id");
    users.columns.insert(0, column("id", "uuid", false, Some("uuid_generate_v4()")));
    posts(&mut to).columns.retain(|c| c.name != "title");
    posts(&mut to).checks.clear();
    check(
        &blog(),
        &to,
        r"
alter table public.posts drop constraint posts_check;
alter table public.users alter column name drop default;
alter table public.posts drop column title;
alter table public.users add column seq bigint generated by default as identity not null;
alter table public.users alter column email type character varying(200) using email::character varying(200);
alter table public.users alter column name set not null;
alter table public.users alter column id set default uuid_generate_v4();
",
    );
    let mut identity = blog();
    identity.table_mut(&QualifiedName::public("users")).unwrap().columns[0] =
        Column { identity: Some(Identity::Always), ..column("id", "uuid", true, None) };
    check(
        &blog(),
        &identity,
        r"
alter table public.users alter column id drop default;
alter table public.users alter column id add generated always as identity;
alter table public.users alter column id drop not null;
",
    );
}

#[test]
fn keys_are_matched_by_meaning_not_by_name() {
    let mut renamed = blog();
    posts(&mut renamed).foreign_keys[0].name = "fk_author".to_owned();
    posts(&mut renamed).checks[0].name = "title_not_empty".to_owned();
    posts(&mut renamed).policies[0].name = "authors read".to_owned();
    renamed.table_mut(&QualifiedName::public("users")).unwrap().uniques[0].name = "email_unique".to_owned();
    renamed.indexes[0].name = QualifiedName::public("by_author");
    assert_eq!(diff(&blog(), &renamed), []);

    let mut to = blog();
    posts(&mut to).foreign_keys[0].on_delete = ReferentialAction::Restrict;
    posts(&mut to).primary_key = Some(key("posts_pkey", &["id", "author_id"]));
    posts(&mut to).uniques.push(key("posts_title_key", &["title"]));
    posts(&mut to).checks[0].expression = Expr::canonical_text("length(title) > 3");
    to.table_mut(&QualifiedName::public("users")).unwrap().uniques.clear();
    check(
        &blog(),
        &to,
        r"
alter table public.posts drop constraint posts_author_id_fkey;
alter table public.posts drop constraint posts_check;
alter table public.users drop constraint users_email_key;
alter table public.posts drop constraint posts_pkey;
alter table public.posts add constraint posts_pkey primary key (id, author_id);
alter table public.posts add constraint posts_title_key unique (title);
alter table public.posts add constraint posts_check check (length(title) > 3);
alter table public.posts add constraint posts_author_id_fkey foreign key (author_id) references public.users (id) on delete restrict;
",
    );
}

#[test]
fn enum_values_are_added_in_place_and_removed_by_replacing_the_type() {
    let mut added = blog();
    added.enums[0].values =
        vec!["idea".to_owned(), "draft".to_owned(), "review".to_owned(), "published".to_owned(), "archived".to_owned()];
    check(
        &blog(),
        &added,
        r"
alter type public.post_status add value 'idea' before 'draft';
alter type public.post_status add value 'review' before 'published';
alter type public.post_status add value 'archived' after 'published';
",
    );
    let mut removed = blog();
    removed.enums[0].values = vec!["published".to_owned(), "draft".to_owned()];
    let changes = diff(&blog(), &removed);
    assert!(matches!(&changes[..], [Change::RemoveEnumValues { removed, .. }] if removed.is_empty()));
    assert_eq!(changes[0].object(), Object::Enum(QualifiedName::public("post_status")));
    removed.enums[0].values = vec!["published".to_owned()];
    posts(&mut removed).columns[3].default = Some(Expr::canonical_text("'published'"));
    check(
        &blog(),
        &removed,
        r"
alter type public.post_status rename to post_status_old;
create type public.post_status as enum ('published');
alter table public.posts alter column status drop default;
alter table public.posts alter column status type post_status using status::text::post_status;
alter table public.posts alter column status set default 'published';
drop type public.post_status_old;
alter table public.posts alter column status set default 'published';
",
    );
}

#[test]
fn security_changes() {
    let mut to = blog();
    posts(&mut to).policies[0].roles = vec!["anon".to_owned(), "authenticated".to_owned()];
    posts(&mut to).policies.push(policy("posts_delete_policy", PolicyCommand::Delete, "false"));
    posts(&mut to).rls_forced = true;
    to.table_mut(&QualifiedName::public("users")).unwrap().rls_enabled = true;
    check(
        &blog(),
        &to,
        r"
drop policy posts_select_policy on public.posts;
alter table public.posts force row level security;
alter table public.users enable row level security;
create policy posts_select_policy on public.posts as permissive for select to anon, authenticated
  using (auth.uid() = author_id);
create policy posts_delete_policy on public.posts as permissive for delete to authenticated
  using (false);
",
    );
    check(
        &to,
        &blog(),
        r"
drop policy posts_select_policy on public.posts;
drop policy posts_delete_policy on public.posts;
alter table public.posts no force row level security;
alter table public.users disable row level security;
create policy posts_select_policy on public.posts as permissive for select to authenticated
  using (auth.uid() = author_id);
",
    );
}

#[test]
fn indexes_and_schemas() {
    let mut to = blog();
    to.indexes[0].unique = true;
    to.schemas.push("billing".to_owned());
    to.tables.push(Table {
        name: QualifiedName::new("billing", "Invoices"),
        ..table("invoices", vec![column("id", "bigint", false, None)])
    });
    check(
        &blog(),
        &to,
        r#"
drop index public.posts_author_id_idx;
create schema billing;
create table billing."Invoices" (
  id bigint not null,
  constraint invoices_pkey primary key (id)
);
create unique index posts_author_id_idx on public.posts (author_id);
"#,
    );
    // The index of a dropped table goes with it.
    let mut without_posts = blog();
    without_posts.tables.retain(|t| t.name.name != "posts");
    without_posts.indexes.clear();
    assert!(!diff(&blog(), &without_posts).iter().any(|c| matches!(c, Change::DropIndex(_))));
    check(
        &to,
        &blog(),
        r#"
drop index public.posts_author_id_idx;
drop table billing."Invoices";
create index posts_author_id_idx on public.posts (author_id);
drop schema billing;
"#,
    );
}

#[test]
fn a_scope_leaves_other_schemas_alone() {
    let mut provider = blog();
    provider.tables.push(Table {
        name: QualifiedName::new("auth", "users"),
        ..table("users", vec![column("id", "uuid", false, None)])
    });
    provider.schemas.push("auth".to_owned());
    assert_eq!(diff_in(&provider, &blog(), &|s| s != "auth"), []);
    assert_eq!(diff(&provider, &blog()).len(), 2);
}

/// Views, functions, triggers and storage buckets, between two databases Postgres built: the
/// diff's DDL carries the first to the second, except the bodies the model does not hold,
/// which it leaves to a person as comments in their place.
#[test]
fn views_functions_triggers_and_buckets_follow_the_diff_on_real_postgres() {
    use crate::support::{apply, changes, database, introspect};
    // language=SQL
    let common = "
        create table public.posts (id bigint primary key, title text, views int default 0);
        create function public.touch() returns trigger language plpgsql as $$ begin return new; end $$;
    ";
    // language=SQL
    let before = "
        create view public.titles as select id, title from public.posts;
        create materialized view public.counts as select count(*) as total from public.posts;
        create function public.score(post bigint) returns int language sql as $$ select 1 $$;
        create function public.gone() returns void language sql as $$ select $$;
        create trigger posts_touch before update on public.posts for each row execute function public.touch();
        insert into storage.buckets (id, name, public) values ('avatars', 'avatars', false);
        insert into storage.buckets (id, name, public) values ('old', 'old', true);
    ";
    // language=SQL
    let after = "
        create view public.titles as select id, title, views from public.posts;
        create function public.score(post bigint) returns bigint language sql as $$ select 1::bigint $$;
        create function public.fresh(n int) returns int language sql as $$ select n $$;
        insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
          values ('avatars', 'avatars', true, 1048576, array['image/png', 'image/jpeg']);
        insert into storage.buckets (id, name) values ('new', 'new');
    ";
    let mut from_db = database("routines_from");
    apply(&mut from_db, &format!("{common}{before}")).unwrap();
    let mut to_db = database("routines_to");
    apply(&mut to_db, &format!("{common}{after}")).unwrap();
    let (from, to) = (introspect(&mut from_db), introspect(&mut to_db));
    let sql = render(&changes(&from, &to));
    // language=SQL
    let expected = "
drop trigger posts_touch on public.posts;
delete from storage.buckets where id = 'old';
drop materialized view public.counts;
drop view public.titles;
drop function public.gone();
drop function public.score(bigint);
-- create function public.fresh(integer) returns integer: write its definition here (the model holds no body)
-- create function public.score(bigint) returns bigint: write its definition here (the model holds no body)
-- create view public.titles (id, title, views): write its definition here (the model holds no body)
update storage.buckets set public = true, file_size_limit = 1048576, allowed_mime_types = array['image/png', 'image/jpeg']
  where id = 'avatars';
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  values ('new', 'new', false, null, null);
";
    assert_eq!(sql.trim(), expected.trim(), "\n--- actual\n{sql}");
    apply(&mut from_db, &sql).unwrap();
    let left: Vec<String> = changes(&introspect(&mut from_db), &to).iter().map(|c| c.object().to_string()).collect();
    assert_eq!(
        left,
        ["function public.fresh(integer)", "function public.score(bigint)", "view public.titles"],
        "only the bodies left to a person remain"
    );
}
