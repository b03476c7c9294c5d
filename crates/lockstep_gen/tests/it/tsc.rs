//! The real TypeScript compiler is the judge: every generated `database.ts` compiles under
//! `strict`, `noUncheckedIndexedAccess` and `exactOptionalPropertyTypes`, and so does a program
//! using it with the real `@supabase/supabase-js` types (`createClient<Database>`, a select of
//! every table and view, a call of every function); programs that misuse it fail with the
//! errors they should.

use std::fmt::Write as _;
use std::path::Path;

use lockstep_contract::model::Contract;

use crate::support::{contract, contract_of, database_ts, fixtures, node_tool, scratch, ts_tools, workspace};

const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "noEmit": true,
    "target": "es2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "lib": ["es2022", "dom"],
    "skipLibCheck": true
  },
  "include": ["**/*.ts"]
}
"#;

/// A project folder with the tools' `node_modules` linked in and the strict tsconfig.
fn project(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    std::os::unix::fs::symlink(ts_tools().join("node_modules"), dir.join("node_modules")).unwrap();
    std::fs::write(dir.join("tsconfig.json"), TSCONFIG).unwrap();
    dir
}

fn tsc(dir: &Path) -> (bool, String) {
    node_tool("tsc", &["-p", "tsconfig.json", "--pretty", "false"], dir)
}

/// A program that uses every table, view and function of the contract through supabase-js.
fn consumer(contract: &Contract) -> String {
    let mut out = String::from(
        "import { createClient } from \"@supabase/supabase-js\"\nimport type { Database, Tables, TablesInsert, TablesUpdate } from \"./database\"\n\nconst supabase = createClient<Database>(\"http://localhost:54321\", \"anon-key\")\n\nexport async function run(): Promise<void> {\n",
    );
    for entity in contract.entities.iter().filter(|e| e.schema == "public") {
        let table = &entity.table;
        let _ = writeln!(out, "  {{\n    const {{ data, error }} = await supabase.from(\"{table}\").select(\"*\")");
        let _ = writeln!(out, "    if (error) throw error");
        let _ = writeln!(out, "    const first: Tables<\"{table}\"> | undefined = data[0]\n    void first");
        if !entity.view {
            let _ = writeln!(
                out,
                "    const insert: TablesInsert<\"{table}\"> | null = null\n    const update: TablesUpdate<\"{table}\"> = {{}}\n    void insert\n    void update"
            );
        }
        out.push_str("  }\n");
    }
    for function in &contract.functions {
        let name = &function.name;
        if function.args.is_empty() {
            let _ = writeln!(out, "  await supabase.rpc(\"{name}\")");
        } else {
            let _ = writeln!(
                out,
                "  await supabase.rpc(\"{name}\", {{}} as Database[\"public\"][\"Functions\"][\"{name}\"][\"Args\"])"
            );
        }
    }
    out.push_str("}\n");
    out
}

#[test]
fn every_fixture_compiles_with_a_supabase_js_consumer() {
    let dir = project("fixtures");
    let mut all: Vec<(String, Contract)> =
        fixtures().into_iter().map(|f| (f.name.replace('/', "__"), contract(&f.files))).collect();
    let store = std::fs::read_to_string(workspace().join("crates/lockstep_gen/tests/data/store.lockstep")).unwrap();
    all.push(("store".to_owned(), contract_of(&store)));
    for (name, contract) in &all {
        let folder = dir.join(name);
        std::fs::create_dir_all(&folder).unwrap();
        let header = lockstep_gen::header("//", "0000");
        std::fs::write(folder.join("database.ts"), database_ts(contract)).unwrap();
        std::fs::write(folder.join("types.ts"), lockstep_gen::types_ts(contract, &header)).unwrap();
        std::fs::write(folder.join("client.ts"), lockstep_gen::client_ts(contract, &header, "./types", None)).unwrap();
        let validated = lockstep_gen::client_ts(contract, &header, "./types", Some("./validators"));
        std::fs::write(folder.join("validated_client.ts"), validated).unwrap();
        std::fs::write(folder.join("validators.ts"), lockstep_gen::validators_ts(contract, &header)).unwrap();
        std::fs::write(folder.join("consumer.ts"), consumer(contract)).unwrap();
    }
    let (ok, output) = tsc(&dir);
    assert!(ok && output.trim().is_empty(), "tsc reports errors:\n{output}");
    // The files were compiled: a deliberate error in one of them is reported.
    std::fs::write(dir.join("store/canary.ts"), "const n: number = \"not a number\"\nvoid n\n").unwrap();
    let (ok, output) = tsc(&dir);
    assert!(!ok && output.contains("canary.ts"), "tsc did not compile the folder:\n{output}");
}

/// Each program misuses the store's `Database` type once; tsc must reject it, with the error
/// that names the mistake.
#[test]
fn misuses_fail_to_compile_with_the_expected_errors() {
    let store = std::fs::read_to_string(workspace().join("crates/lockstep_gen/tests/data/store.lockstep")).unwrap();
    let dir = project("misuses");
    let contract = contract_of(&store);
    let header = lockstep_gen::header("//", "0000");
    std::fs::write(dir.join("database.ts"), database_ts(&contract)).unwrap();
    std::fs::write(dir.join("types.ts"), lockstep_gen::types_ts(&contract, &header)).unwrap();
    std::fs::write(dir.join("client.ts"), lockstep_gen::client_ts(&contract, &header, "./types", None)).unwrap();
    // The client used as intended: this file must compile.
    let api_prelude = "import { createApiClient } from \"./client\"\nimport type * as T from \"./types\"\nconst client = createApiClient({ baseUrl: \"http://localhost:3000\", headers: () => ({ authorization: \"Bearer token\" }) })\nexport async function run(): Promise<void> {\n";
    std::fs::write(
        dir.join("client_ok.ts"),
        format!("{api_prelude}  const found = await client.getApiOrdersById({{ params: {{ id: 1 }} }})\n  if (found.status === 200) {{ const order: T.Order = found.data; void order }}\n  else {{ const error: T.ApiError = found.data; void error }}\n  const list = await client.getApiOrders()\n  if (list.status === 200) {{ const next: string | null = list.data.nextCursor; void next }}\n  const created = await client.postApiOrders({{ body: {{ customerId: \"c\", totalCents: 100, note: null }} }})\n  void created\n  const deleted = await client.deleteApiOrdersById({{ params: {{ id: 1 }} }})\n  if (deleted.status === 204) {{ const done: {{ status: 204 }} = deleted; void done }}\n}}\n"),
    )
    .unwrap();
    let api_cases: [(&str, &str, &[&str]); 2] = [
        (
            "client_wrong_body",
            "  await client.postApiOrders({ body: { customerId: \"c\", totalCents: \"100\", note: null } })\n",
            &["error TS2322", "Type 'string' is not assignable to type 'number'"],
        ),
        (
            "client_reads_204_body",
            "  const deleted = await client.deleteApiOrdersById({ params: { id: 1 } })\n  if (deleted.status === 204) { void deleted.data }\n",
            &["error TS2339", "Property 'data' does not exist"],
        ),
    ];
    for (name, body, _) in &api_cases {
        std::fs::write(dir.join(format!("{name}.ts")), format!("{api_prelude}{body}}}\n")).unwrap();
    }
    let prelude = "import { createClient } from \"@supabase/supabase-js\"\nimport type { Database } from \"./database\"\nconst supabase = createClient<Database>(\"http://localhost:54321\", \"anon-key\")\nexport async function run(): Promise<void> {\n";
    let cases: [(&str, &str, &[&str]); 5] = [
        (
            "unknown_column",
            "  const { data } = await supabase.from(\"orders\").select(\"id, shipping_code\")\n  const rows: { id: number; shipping_code: string }[] | null = data\n  void rows\n",
            &["error TS2322", "column 'shipping_code' does not exist on 'orders'"],
        ),
        (
            "wrong_enum_value",
            "  await supabase.from(\"orders\").insert({ customer_id: \"c\", total_cents: 1, status: \"lost\" })\n",
            &["error TS2322", "Type '\"lost\"' is not assignable"],
        ),
        (
            "missing_required_column",
            "  await supabase.from(\"orders\").insert({ customer_id: \"c\" })\n",
            &["error TS2345", "Property 'total_cents' is missing"],
        ),
        (
            "unknown_function_argument",
            "  await supabase.rpc(\"order_total\", { order: 1 })\n",
            &["error TS2353", "'order' does not exist in type '{ order_id: number; }'"],
        ),
        (
            "view_row_nullability",
            "  const { data } = await supabase.from(\"order_totals\").select(\"last_status\").single()\n  const status: \"pending\" | \"paid\" | \"shipped\" = data!.last_status\n  void status\n",
            &["error TS2322", "Type 'null' is not assignable"],
        ),
    ];
    for (name, body, _) in &cases {
        std::fs::write(dir.join(format!("{name}.ts")), format!("{prelude}{body}}}\n")).unwrap();
    }
    let (ok, output) = tsc(&dir);
    assert!(!ok, "the misuses compiled:\n{output}");
    for generated in ["database.ts(", "types.ts(", "client.ts(", "client_ok.ts("] {
        assert!(!output.lines().any(|l| l.starts_with(generated)), "`{generated}` has errors:\n{output}");
    }
    for (name, _, expected) in cases.iter().chain(&api_cases) {
        let text = errors_in(&output, &format!("{name}.ts("));
        assert!(!text.is_empty(), "{name}.ts compiled, but must not:\n{output}");
        for needle in *expected {
            assert!(text.contains(needle), "{name}.ts: expected `{needle}` in tsc's errors:\n{text}");
        }
    }
}

/// The errors tsc reports in one file: each line starting with `file`, with the indented lines
/// that continue its message.
fn errors_in(output: &str, file: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for line in output.lines() {
        if line.starts_with(file) {
            inside = true;
        } else if !line.starts_with(' ') {
            inside = false;
        }
        if inside {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}
