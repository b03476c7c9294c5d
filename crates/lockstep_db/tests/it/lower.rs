//! Lowering against the db rules: the DDL written for a lowered contract, replayed as a
//! migration, is a database the rules find nothing wrong with; and every lowered object knows
//! the contract element it came from.

use lockstep_check::db::{MISSING_FUNCTION, Source, check_database};
use lockstep_db::ddl::render;
use lockstep_db::lower::lower;
use lockstep_db::object::Element;
use lockstep_diagnostics::Sources;
use lockstep_schema::object::Object;
use lockstep_sql::replay::{MigrationFile, replay};
use lockstep_sql::schema::QualifiedName;
use lockstep_sql::supabase::{is_provider_schema, prelude};

use crate::support::{changes, contract, fixtures, start};

#[test]
fn the_db_rules_find_nothing_wrong_with_a_lowered_contract() {
    let mut findings = Vec::new();
    for fixture in fixtures() {
        let contract = contract(&fixture.files);
        let lowered = lower(&contract);
        let ddl = render(&changes(&start(), &lowered.schema));
        let file = Sources::new().add("lowered.sql".to_owned(), ddl.clone());
        let replayed = replay(prelude(), &[MigrationFile { file, text: &ddl }]);
        for finding in
            check_database(&contract, lowered.schema.clone(), &replayed.schema, Source::Migrations, &is_provider_schema)
        {
            // Functions are declared for `.rpc()` by signature only: nothing to lower. Info
            // findings say nothing is wrong (`db/stale-was`: a lowered contract has made its
            // renames).
            if finding.code == MISSING_FUNCTION || finding.severity == lockstep_diagnostics::Severity::Info {
                continue;
            }
            findings.push(format!("{}: {}: {}", fixture.name, finding.code, finding.message));
        }
    }
    assert_eq!(findings, KNOWN_DIFFERENCES, "\n{}", findings.join("\n"));
}

/// Where the replay of the lowered DDL and the rules disagree.
const KNOWN_DIFFERENCES: [&str; 1] = [
    // A `@view` entity gives the view's columns, not its query: no DDL can create it.
    "contract/views_and_value_lists: db/missing-table: view `public.ticket_counts` does not exist in the migrations",
];

#[test]
fn every_lowered_object_has_its_origin() {
    let shop = fixtures().into_iter().find(|f| f.name == "examples/shop").unwrap();
    let lowered = lower(&contract(&shop.files));
    let schema = &lowered.schema;
    let mut objects: Vec<Object> = Vec::new();
    for e in &schema.enums {
        objects.push(Object::Enum(e.name.clone()));
        objects.extend(e.values.iter().map(|v| Object::EnumValue { enum_name: e.name.clone(), value: v.clone() }));
    }
    for table in &schema.tables {
        let t = &table.name;
        objects.push(Object::Table(t.clone()));
        objects.extend(table.columns.iter().map(|c| Object::Column { table: t.clone(), column: c.name.clone() }));
        let constraints = table.primary_key.iter().chain(&table.uniques).map(|k| &k.name);
        let constraints = constraints.chain(table.foreign_keys.iter().map(|k| &k.name));
        let constraints = constraints.chain(table.checks.iter().map(|c| &c.name));
        objects.extend(constraints.map(|name| Object::Constraint { table: t.clone(), name: name.clone() }));
        objects.extend(table.policies.iter().map(|p| Object::Policy { table: t.clone(), name: p.name.clone() }));
    }
    objects.extend(schema.indexes.iter().map(|i| Object::Index(i.name.clone())));
    let missing: Vec<String> =
        objects.iter().filter(|o| lowered.origin(o).is_none()).map(ToString::to_string).collect();
    assert!(missing.is_empty(), "no origin for {missing:?}");
    assert_eq!(objects.len(), lowered.origins.len());

    let orders = QualifiedName::public("orders");
    let element = |object: Object| lowered.origin(&object).map(|o| o.element.clone());
    assert_eq!(
        element(Object::Constraint { table: orders.clone(), name: "orders_customer_id_fkey".to_owned() }),
        Some(Element::Field { entity: "Order".to_owned(), field: "customerId".to_owned() })
    );
    assert_eq!(
        element(Object::Policy { table: orders.clone(), name: "orders_update_policy".to_owned() }),
        Some(Element::Policy { entity: "Order".to_owned(), operation: lockstep_contract::model::Operation::Update })
    );
    assert_eq!(
        element(Object::Index(QualifiedName::public("products_category_id_status_idx"))),
        Some(Element::Entity("Product".to_owned()))
    );
    assert_eq!(element(Object::Table(orders)), Some(Element::Entity("Order".to_owned())));
}

/// The data contract `lockstep init` writes for `schema`.
fn raise(schema: &lockstep_sql::schema::Schema) -> Vec<(String, String)> {
    let text = lockstep_db::raise::raise(schema, &is_provider_schema, &[], &[], &mut Vec::new());
    vec![("data.lockstep".to_owned(), text)]
}

/// Raising (`lockstep init` writing a contract from a schema) and lowering agree: a contract
/// lowered, raised and lowered again is the same schema, on every fixture.
#[test]
fn lower_raise_lower_is_the_identity() {
    let mut differences = Vec::new();
    for fixture in fixtures() {
        let first = lower(&contract(&fixture.files));
        let second = lower(&contract(&raise(&first.schema)));
        for change in changes(&first.schema, &second.schema) {
            differences.push(format!("{}: {}", fixture.name, change.object()));
        }
    }
    assert_eq!(differences, RAISE_DIFFERENCES, "\n{}", differences.join("\n"));
}

/// Where raising loses what lowering wrote.
const RAISE_DIFFERENCES: [&str; 0] = [];

/// The other way round, on schemas real migrations build (the conformance folders): a schema
/// raised to a contract and lowered again differs only where the contract has no spelling for
/// what the database has. A plan from a contract `init` wrote is then empty.
#[test]
fn raise_then_lower_keeps_what_the_contract_can_say() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../lockstep_pg/tests/data/migrations");
    let mut folders: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    folders.sort();
    assert!(folders.len() >= 60, "expected the conformance folders, found {}", folders.len());
    let mut differences = Vec::new();
    for folder in folders.iter().filter(|f| f.is_dir()) {
        let mut names: Vec<String> =
            std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        let mut sources = Sources::new();
        let ids: Vec<_> = names
            .iter()
            .map(|name| sources.add(name.clone(), std::fs::read_to_string(folder.join(name)).unwrap()))
            .collect();
        let files: Vec<MigrationFile> =
            ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
        let mut replayed = replay(prelude(), &files).schema;
        replayed.sort();
        let lowered = lower(&contract(&raise(&replayed)));
        let folder_name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let expected = lockstep_schema::equivalence::as_the_contract_allows(&replayed, lowered.schema);
        for change in changes(&replayed, &expected) {
            differences.push(format!("{folder_name}: {}", change.object()));
        }
    }
    assert_eq!(differences, CONTRACT_CANNOT_SAY, "\n{}", differences.join("\n"));
}

/// What the contract has no spelling for yet, so a contract `init` writes loses it.
const CONTRACT_CANNOT_SAY: [&str; 7] = [
    // An enum type outside `public`: contract enums have no schema.
    "10_if_exists: type public.level",
    "10_if_exists: column private.secrets.level",
    "10_if_exists: type private.level",
    // `time with time zone` has no contract type: `init` leaves the column out and says so.
    "35_time_precision: column public.clock.wall_tz",
    "41_private_enums: type public.invoice_state",
    "41_private_enums: column billing.invoices.state",
    "41_private_enums: type billing.invoice_state",
];
