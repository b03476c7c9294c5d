//! The row-level security tests: for every entity with `allow` rules, rows are seeded for two
//! fresh users, then each user and an anonymous caller select, update, delete and insert as
//! the Supabase roles (`set local role`, `request.jwt.claims`). What the database lets through
//! is compared with what the contract's rules allow, the rules evaluated in SQL as the lowering
//! writes them (`lockstep_db::lower::policy_sql`), on the same rows, with the same claims.
//!
//! Everything runs in one transaction that is rolled back, each probe in a savepoint of its
//! own: the database is left as it was (sequences aside, which Postgres never rolls back).

mod seed;

use std::collections::BTreeSet;

use lockstep_contract::model::{Contract, Entity, Field, Operation};
use lockstep_db::lower::policy_sql;
use postgres::{Client, Transaction};

use seed::owner_fields;

use crate::db::{DbError, connect, quote};
use crate::values::unique_uuid;
use crate::{Case, Check, Group};

/// Who a probe acts as.
#[derive(Clone)]
struct Actor {
    label: &'static str,
    role: &'static str,
    uid: Option<String>,
}

impl Actor {
    /// The statements that make the session this actor, as Supabase's API gateway does.
    fn become_sql(&self) -> String {
        let claims = match &self.uid {
            Some(uid) => format!("{{\"sub\":\"{uid}\",\"role\":\"{}\"}}", self.role),
            None => format!("{{\"role\":\"{}\"}}", self.role),
        };
        let sub = self.uid.clone().unwrap_or_default();
        // `request.jwt.claims` is what auth.uid() reads today; the older per-claim settings
        // are set too, for projects whose auth.uid() predates it.
        format!(
            "select set_config('request.jwt.claims', '{claims}', true), set_config('request.jwt.claim.sub', '{sub}', true), set_config('request.jwt.claim.role', '{}', true);",
            self.role
        )
    }
}

pub fn run(contract: &Contract, url: &str) -> Result<Vec<Case>, DbError> {
    let mut client = connect(url)?;
    let mut cases = Vec::new();
    for entity in contract.entities.iter().filter(|e| !e.view && !e.policies.is_empty()) {
        entity_cases(&mut client, contract, entity, &mut cases)?;
    }
    Ok(cases)
}

fn query_error(e: &postgres::Error) -> DbError {
    DbError::Query(e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_owned()))
}

fn entity_cases(client: &mut Client, contract: &Contract, entity: &Entity, out: &mut Vec<Case>) -> Result<(), DbError> {
    let table = format!("{}.{}", quote(&entity.schema), quote(&entity.table));
    let target = format!("{} ({}.{})", entity.name, entity.schema, entity.table);
    // language=SQL
    let enabled: Option<bool> = client
        .query_one("select (select relrowsecurity from pg_class where oid = to_regclass($1))", &[&table])
        .map_err(|e| query_error(&e))?
        .get(0);
    let mut case = Case::new(Group::Rls, &target, "row-level security enabled");
    match enabled {
        None => {
            case.skipped = Some(format!("the database has no table {table}"));
            out.push(case);
            return Ok(());
        }
        Some(false) => {
            case.fail(
                Check::RlsNotEnabled,
                format!("the contract protects {table} with `allow` rules, but row-level security is off: every role sees every row"),
            );
            case.reproducer = Some(format!("alter table {table} enable row level security;"));
            out.push(case);
            return Ok(());
        }
        Some(true) => out.push(case),
    }
    let [pk] = entity.primary_key.as_slice() else {
        let mut case = Case::new(Group::Rls, &target, "rows as each user");
        case.skipped = Some("the tests need a single-field primary key".to_owned());
        out.push(case);
        return Ok(());
    };
    let Some(pk) = entity.field(pk) else { return Ok(()) };
    let probe = Probe {
        contract,
        entity,
        table: &table,
        target: &target,
        pk: quote(&pk.db_name),
        owners: owner_fields(entity),
    };
    let mut tx = client.transaction().map_err(|e| query_error(&e))?;
    let result = probe.run(&mut tx, out);
    // Whatever happened, nothing stays: the transaction is rolled back, never committed.
    tx.rollback().map_err(|e| query_error(&e))?;
    result
}

struct Probe<'a> {
    contract: &'a Contract,
    entity: &'a Entity,
    table: &'a str,
    target: &'a str,
    /// The primary key column, quoted.
    pk: String,
    /// The fields a rule compares with `auth.uid`, or that reference `auth.users`.
    owners: Vec<&'a Field>,
}

/// A seeded row: its key and whose it is.
struct Row {
    key: String,
    owner: &'static str,
}

impl Probe<'_> {
    fn run(&self, tx: &mut Transaction, out: &mut Vec<Case>) -> Result<(), DbError> {
        let (a, b) = (unique_uuid(), unique_uuid());
        let mut script = String::from("begin;\n");
        // language=SQL
        let has_users: bool =
            tx.query_one("select to_regclass('auth.users') is not null", &[]).map_err(|e| query_error(&e))?.get(0);
        if has_users {
            let sql = format!("insert into auth.users (id) values ('{a}'), ('{b}');");
            tx.batch_execute(&sql).map_err(|e| query_error(&e))?;
            script.push_str(&sql);
            script.push('\n');
        }
        let user_a = Actor { label: "user A", role: "authenticated", uid: Some(a.clone()) };
        let user_b = Actor { label: "user B", role: "authenticated", uid: Some(b.clone()) };
        let anon = Actor { label: "anonymous", role: "anon", uid: None };

        // Inserts first, before any seeded row can collide with a candidate's key.
        for (actor, other) in [(&user_a, &b), (&user_b, &a), (&anon, &a)] {
            let own = actor.uid.as_deref().unwrap_or(&a);
            for (whose, owner) in [("its own", own), ("another user's", other.as_str())] {
                if actor.uid.is_none() && whose == "its own" {
                    continue;
                }
                let mut case = Case::new(Group::Rls, self.target, format!("{} inserts {whose} row", actor.label));
                self.insert_case(tx, actor, owner, &script, &mut case)?;
                out.push(case);
            }
        }

        let rows = match (self.seed(tx, &a, "user A"), self.seed(tx, &b, "user B")) {
            (Ok((ra, sa)), Ok((rb, sb))) => {
                script.push_str(&sa);
                script.push_str(&sb);
                vec![ra, rb]
            }
            (Err(reason), _) | (_, Err(reason)) => {
                let mut case = Case::new(Group::Rls, self.target, "rows as each user");
                case.skipped = Some(format!("cannot seed rows: {reason}"));
                out.push(case);
                return Ok(());
            }
        };
        for actor in [&user_a, &user_b, &anon] {
            for operation in [Operation::Select, Operation::Update, Operation::Delete] {
                let mut case = Case::new(
                    Group::Rls,
                    self.target,
                    format!("{} {}s", actor.label, operation.as_str().trim_end_matches('e')),
                );
                self.row_case(tx, actor, operation, &rows, &script, &mut case)?;
                out.push(case);
            }
        }
        Ok(())
    }

    /// The rules of `operations` that apply to the actor's role, each as its condition's SQL
    /// (`using`, or for writes the `check`, falling back on `using`), or'ed; `false` when none.
    fn allowed(&self, role: &str, operations: &[Operation], write_check: bool) -> String {
        let mut parts = Vec::new();
        for policy in &self.entity.policies {
            let applies = policy.roles.is_empty() || policy.roles.iter().any(|r| r == role || r == "public");
            if !applies || !operations.contains(&policy.operation) {
                continue;
            }
            let expr =
                if write_check { policy.check.as_ref().or(policy.using.as_ref()) } else { policy.using.as_ref() };
            if let Some(expr) = expr {
                parts.push(format!("({})", policy_sql(self.contract, self.entity, expr)));
            }
        }
        if parts.is_empty() { "false".to_owned() } else { parts.join(" or ") }
    }

    fn row_case(
        &self,
        tx: &mut Transaction,
        actor: &Actor,
        operation: Operation,
        rows: &[Row],
        script: &str,
        case: &mut Case,
    ) -> Result<(), DbError> {
        let keys = rows.iter().map(|r| format!("'{}'", r.key)).collect::<Vec<_>>().join(", ");
        let (pk, table) = (&self.pk, self.table);
        let within = format!("{pk}::text in ({keys})");
        let select = self.allowed(actor.role, &[Operation::Select, Operation::All], false);
        // Postgres applies the select rules too when a write reads rows (its `where`).
        let expected_sql = match operation {
            Operation::Select => select.clone(),
            Operation::Update => {
                format!("({}) and ({select})", self.allowed(actor.role, &[Operation::Update, Operation::All], false))
            }
            _ => format!("({}) and ({select})", self.allowed(actor.role, &[Operation::Delete, Operation::All], false)),
        };
        let expected = Self::keys_where(
            tx,
            actor,
            &format!("select {pk}::text from {table} where {within} and ({expected_sql})"),
        )?;
        // An update that passes `using` but not its own `check` (on the unchanged row) fails.
        let check_fails = operation == Operation::Update && {
            let check = self.allowed(actor.role, &[Operation::Update, Operation::All], true);
            let passing =
                Self::keys_where(tx, actor, &format!("select {pk}::text from {table} where {within} and ({check})"))?;
            !expected.is_subset(&passing)
        };
        let statement = match operation {
            Operation::Select => format!("select {pk}::text from {table} where {within};"),
            Operation::Update => format!("update {table} set {pk} = {pk} where {within} returning {pk}::text;"),
            _ => format!("delete from {table} where {within} returning {pk}::text;"),
        };
        let actual = Self::as_actor(tx, actor, &statement)?;
        case.reproducer =
            Some(format!("{script}set local role {};\n{}\n{statement}\nrollback;", actor.role, actor.become_sql()));
        let describe = |keys: &BTreeSet<String>| {
            let names: Vec<String> =
                rows.iter().filter(|r| keys.contains(&r.key)).map(|r| format!("{}'s row", r.owner)).collect();
            if names.is_empty() { "no row".to_owned() } else { names.join(" and ") }
        };
        let check = match operation {
            Operation::Select => Check::RlsSelect,
            Operation::Update => Check::RlsUpdate,
            _ => Check::RlsDelete,
        };
        let verb = match operation {
            Operation::Select => "sees",
            Operation::Update => "updates",
            _ => "deletes",
        };
        match actual {
            Ok(actual) if check_fails => case.fail(
                check,
                format!(
                    "{} {verb} {}; the rule's `check` should have refused the update",
                    actor.label,
                    describe(&actual)
                ),
            ),
            Ok(actual) if actual != expected => case.fail(
                check,
                format!(
                    "{} {verb} {}; the contract's rules allow {}",
                    actor.label,
                    describe(&actual),
                    describe(&expected)
                ),
            ),
            Err(refusal) if !(check_fails || expected.is_empty()) => case.fail(
                check,
                format!("{} was refused ({refusal}); the contract's rules allow {}", actor.label, describe(&expected)),
            ),
            Ok(_) | Err(_) => {}
        }
        if case.failures.is_empty() {
            case.reproducer = None;
        }
        Ok(())
    }

    fn insert_case(
        &self,
        tx: &mut Transaction,
        actor: &Actor,
        owner: &str,
        script: &str,
        case: &mut Case,
    ) -> Result<(), DbError> {
        let (columns, values) = match self.row_values(owner) {
            Ok(row) => row,
            Err(reason) => {
                case.skipped = Some(format!("cannot make a row: {reason}"));
                return Ok(());
            }
        };
        let insert = format!("insert into {} ({columns}) values ({values})", self.table);
        // What the rules say: the candidate inserted as the table's owner (no RLS), then the
        // rules' check evaluated on it with the actor's claims.
        let check = self.allowed(actor.role, &[Operation::Insert, Operation::All], true);
        let mut savepoint = tx.transaction().map_err(|e| query_error(&e))?;
        let oracle = savepoint.batch_execute(&actor.become_sql()).and_then(|()| {
            savepoint.query_one(
                &format!("with new as ({insert} returning *) select coalesce(({check}), false) from new"),
                &[],
            )
        });
        let expected = match oracle {
            Ok(row) => row.get::<_, bool>(0),
            Err(e) => {
                case.skipped = Some(format!("the row cannot be inserted at all: {}", query_error(&e)));
                return Ok(());
            }
        };
        savepoint.rollback().map_err(|e| query_error(&e))?;
        let actual = Self::as_actor(tx, actor, &format!("{insert};"))?;
        let whose = if actor.uid.as_deref() == Some(owner) { "its own" } else { "another user's" };
        case.reproducer =
            Some(format!("{script}set local role {};\n{}\n{insert};\nrollback;", actor.role, actor.become_sql()));
        match (expected, actual) {
            (false, Ok(_)) => case.fail(
                Check::RlsInsert,
                format!(
                    "{} inserted {whose} row; the contract's rules refuse it (a missing or too wide `check`)",
                    actor.label
                ),
            ),
            (true, Err(refusal)) => {
                case.fail(
                    Check::RlsInsert,
                    format!("{} could not insert {whose} row ({refusal}); the contract's rules allow it", actor.label),
                );
            }
            _ => case.reproducer = None,
        }
        Ok(())
    }

    /// Runs `statement` as the actor in a savepoint that is then rolled back: the keys it
    /// returned, or the refusal's message when the database refused it for privileges.
    fn as_actor(
        tx: &mut Transaction,
        actor: &Actor,
        statement: &str,
    ) -> Result<Result<BTreeSet<String>, String>, DbError> {
        let mut savepoint = tx.transaction().map_err(|e| query_error(&e))?;
        savepoint
            .batch_execute(&format!("set local role {};\n{}", actor.role, actor.become_sql()))
            .map_err(|e| query_error(&e))?;
        let result = savepoint.simple_query(statement);
        savepoint.rollback().map_err(|e| query_error(&e))?;
        match result {
            Ok(messages) => Ok(Ok(messages
                .iter()
                .filter_map(|m| match m {
                    postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_owned),
                    _ => None,
                })
                .collect())),
            // Refused for privileges (row-level security, grants) or anything else (a
            // constraint): either way the actor could not do it.
            Err(e) => Ok(Err(e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_owned()))),
        }
    }

    /// The keys a query returns as the table's owner with the actor's claims set.
    fn keys_where(tx: &mut Transaction, actor: &Actor, query: &str) -> Result<BTreeSet<String>, DbError> {
        let mut savepoint = tx.transaction().map_err(|e| query_error(&e))?;
        savepoint.batch_execute(&actor.become_sql()).map_err(|e| query_error(&e))?;
        let rows = savepoint.query(query, &[]).map_err(|e| query_error(&e))?;
        savepoint.rollback().map_err(|e| query_error(&e))?;
        Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
    }
}
