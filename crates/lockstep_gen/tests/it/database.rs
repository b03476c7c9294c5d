//! `database.ts`: deterministic, laid out exactly as the reference formatter lays it out, and
//! the expected text for a contract that exercises every part of the format.

use lockstep_contract::model::Contract;

use crate::support::{contract, contract_of, database_ts, fixtures, node_tool, scratch, workspace};

fn store() -> String {
    std::fs::read_to_string(workspace().join("crates/lockstep_gen/tests/data/store.lockstep")).unwrap()
}

/// Reviewed field by field against files `supabase gen types typescript` wrote (see docs/gen.md).
#[test]
fn the_store_contract_gives_the_expected_file() {
    insta::assert_snapshot!(database_ts(&contract_of(&store())));
}

/// The API types of the same contract.
#[test]
fn the_store_contract_gives_the_expected_api_types_and_client() {
    let contract = contract_of(&store());
    let header = lockstep_gen::header("//", "0000");
    insta::assert_snapshot!("store_types", lockstep_gen::types_ts(&contract, &header));
    insta::assert_snapshot!("store_client", lockstep_gen::client_ts(&contract, &header, "./types", None));
}

#[test]
fn output_is_the_same_for_every_run_and_every_input_order() {
    for fixture in fixtures() {
        let first = database_ts(&contract(&fixture.files));
        assert_eq!(first, database_ts(&contract(&fixture.files)), "{}", fixture.name);
        // The same contract with its files, and every list in the model, in reverse order.
        let mut files = fixture.files.clone();
        files.reverse();
        let mut reversed = contract(&files);
        reversed.entities.reverse();
        reversed.enums.reverse();
        reversed.functions.reverse();
        for entity in &mut reversed.entities {
            entity.fields.reverse();
        }
        for function in &mut reversed.functions {
            function.args.reverse();
        }
        assert_eq!(first, database_ts(&reversed), "{}: input order changed the output", fixture.name);
        // The API files keep the contract's field order (it is the API's), and sort the rest.
        let header = lockstep_gen::header("//", "0000");
        let original = contract(&fixture.files);
        for entity in &mut reversed.entities {
            entity.fields.reverse();
        }
        reversed.types.reverse();
        reversed.endpoints.reverse();
        assert_eq!(
            lockstep_gen::types_ts(&original, &header),
            lockstep_gen::types_ts(&reversed, &header),
            "{}",
            fixture.name
        );
        assert_eq!(
            lockstep_gen::client_ts(&original, &header, "./types", None),
            lockstep_gen::client_ts(&reversed, &header, "./types", None),
            "{}",
            fixture.name
        );
    }
}

/// Prettier 3.5.3 with the reference generator's options (`--parser typescript --no-semi`)
/// leaves every generated file unchanged: the layout is the reference's, to the byte.
#[test]
fn every_file_is_laid_out_as_the_reference_formatter_lays_it_out() {
    let dir = scratch("prettier");
    let mut names = Vec::new();
    // `database.ts` and `types.ts` of every fixture (`client.ts` is not held to prettier's layout).
    let header = lockstep_gen::header("//", "0000");
    let mut contracts: Vec<(String, Contract)> =
        fixtures().into_iter().map(|f| (f.name.clone(), contract(&f.files))).collect();
    contracts.push(("store".to_owned(), contract_of(&store())));
    let mut all = Vec::new();
    for (name, contract) in &contracts {
        all.push((format!("{name}.database"), database_ts(contract)));
        all.push((format!("{name}.types"), lockstep_gen::types_ts(contract, &header)));
    }
    for (name, text) in &all {
        let file = format!("{}.ts", name.replace('/', "__"));
        std::fs::write(dir.join(&file), text).unwrap();
        names.push(file);
    }
    let (_, version) = node_tool("prettier", &["--version"], &dir);
    assert_eq!(version.trim(), "3.5.3", "the reference formats with prettier 3.5.3; install that version");
    // A file prettier must list, so a run that checked nothing cannot pass.
    std::fs::write(dir.join("canary.ts"), "type A = {a: string}\n").unwrap();
    names.push("canary.ts".to_owned());
    // The files sit under the git-ignored `target/`: an empty ignore file makes prettier read them.
    std::fs::write(dir.join("empty.ignore"), "").unwrap();
    let mut args = vec!["--ignore-path", "empty.ignore", "--parser", "typescript", "--no-semi", "--list-different"];
    args.extend(names.iter().map(String::as_str));
    let (_, listed) = node_tool("prettier", &args, &dir);
    assert_eq!(listed.trim(), "canary.ts", "prettier would change these files:\n{listed}");
}
