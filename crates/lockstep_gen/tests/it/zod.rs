//! `validators.ts` run by Node with the real zod: the store's schemas accept payloads that match
//! the contract and reject ones that do not.

use std::fmt::Write as _;

use crate::support::{contract_of, node_tool, scratch, ts_tools, workspace};

/// Each line: a schema expression, a payload, and whether it must be accepted.
const CASES: &[(&str, &str, bool)] = &[
    ("OrderStatusSchema", r#""paid""#, true),
    ("OrderStatusSchema", r#""lost""#, false),
    ("ApiErrorSchema", r#"{ "code": "not_found", "message": "no such order" }"#, true),
    ("ApiErrorSchema", r#"{ "code": "not_found" }"#, false),
    (
        "OrderSchema",
        r#"{ "id": 1, "customerId": "c", "status": "paid", "stage": null, "stagesSeen": ["picking"], "totalCents": 100, "discount": null, "tags": [], "note": null, "placedAt": "2024-01-01T00:00:00Z" }"#,
        true,
    ),
    (
        "OrderSchema",
        r#"{ "id": 1.5, "customerId": "c", "status": "paid", "stage": null, "stagesSeen": null, "totalCents": 100, "discount": null, "tags": [], "note": null, "placedAt": "2024-01-01T00:00:00Z" }"#,
        false,
    ),
    ("PostApiOrdersSchemas.body", r#"{ "customerId": "c", "totalCents": 100, "note": null }"#, true),
    ("PostApiOrdersSchemas.body", r#"{ "customerId": "c", "totalCents": "100", "note": null }"#, false),
    ("GetApiOrdersSchemas.responses[200]", r#"{ "data": [], "nextCursor": null }"#, true),
    ("GetApiOrdersSchemas.responses[200]", "[]", false),
    ("DeleteApiOrdersByIdSchemas.responses[204]", "undefined", true),
    ("OrderSummarySchema", r#"{ "orderId": 1, "totalCents": 2, "status": "shipped", "note": "gift" }"#, true),
];

#[test]
fn the_schemas_accept_matching_payloads_and_reject_others() {
    let tools = ts_tools();
    let dir = scratch("zod");
    std::os::unix::fs::symlink(tools.join("node_modules"), dir.join("node_modules")).unwrap();
    let store = std::fs::read_to_string(workspace().join("crates/lockstep_gen/tests/data/store.lockstep")).unwrap();
    let validators = lockstep_gen::validators_ts(&contract_of(&store), &lockstep_gen::header("//", "0000"));
    std::fs::write(dir.join("validators.ts"), validators).unwrap();
    std::fs::write(dir.join("package.json"), r#"{ "type": "module" }"#).unwrap();
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{ "compilerOptions": { "strict": true, "noUncheckedIndexedAccess": true, "exactOptionalPropertyTypes": true, "target": "es2022", "module": "esnext", "moduleResolution": "bundler", "outDir": "out", "skipLibCheck": true }, "include": ["validators.ts"] }"#,
    )
    .unwrap();
    let (ok, output) = node_tool("tsc", &["-p", "tsconfig.json", "--pretty", "false"], &dir);
    assert!(ok, "tsc rejects validators.ts:\n{output}");
    let mut script = String::from("import * as v from \"./out/validators.js\"\nconst results = []\n");
    for (schema, payload, _) in CASES {
        let _ = writeln!(script, "results.push(v.{schema}.safeParse({payload}).success)");
    }
    script.push_str("console.log(JSON.stringify(results))\n");
    std::fs::write(dir.join("check.mjs"), script).unwrap();
    let output = std::process::Command::new("node").arg("check.mjs").current_dir(&dir).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let expected: Vec<bool> = CASES.iter().map(|c| c.2).collect();
    let expected = format!("[{}]", expected.iter().map(bool::to_string).collect::<Vec<_>>().join(","));
    assert_eq!(stdout.trim(), expected, "which payloads the schemas accepted, case by case");
}

/// With `validate`, the client checks each response body against its status's schema: a body the
/// contract does not allow throws, one it allows is returned.
#[test]
fn the_client_validates_responses_when_asked() {
    let tools = ts_tools();
    let dir = scratch("zod-client");
    std::os::unix::fs::symlink(tools.join("node_modules"), dir.join("node_modules")).unwrap();
    let store = std::fs::read_to_string(workspace().join("crates/lockstep_gen/tests/data/store.lockstep")).unwrap();
    let contract = contract_of(&store);
    let header = lockstep_gen::header("//", "0000");
    std::fs::write(dir.join("validators.ts"), lockstep_gen::validators_ts(&contract, &header)).unwrap();
    std::fs::write(dir.join("types.ts"), lockstep_gen::types_ts(&contract, &header)).unwrap();
    let client = lockstep_gen::client_ts(&contract, &header, "./types.js", Some("./validators.js"));
    std::fs::write(dir.join("client.ts"), client).unwrap();
    std::fs::write(dir.join("package.json"), r#"{ "type": "module" }"#).unwrap();
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{ "compilerOptions": { "strict": true, "noUncheckedIndexedAccess": true, "exactOptionalPropertyTypes": true, "target": "es2022", "module": "esnext", "moduleResolution": "bundler", "lib": ["es2022", "dom"], "outDir": "out", "skipLibCheck": true }, "include": ["*.ts"] }"#,
    )
    .unwrap();
    let (ok, output) = node_tool("tsc", &["-p", "tsconfig.json", "--pretty", "false"], &dir);
    assert!(ok, "tsc rejects the validating client:\n{output}");
    let script = r#"import { createApiClient } from "./out/client.js"
const order = { id: 1, customerId: "c", status: "paid", stage: null, stagesSeen: null, totalCents: 100, discount: null, tags: [], note: null, placedAt: "2024-01-01T00:00:00Z" }
const respond = (body) => async () => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })
const results = []
const good = createApiClient({ baseUrl: "http://localhost", fetch: respond(order), validate: true })
results.push((await good.getApiOrdersById({ params: { id: 1 } })).data.status)
const bad = createApiClient({ baseUrl: "http://localhost", fetch: respond({ ...order, status: "lost" }), validate: true })
results.push(await bad.getApiOrdersById({ params: { id: 1 } }).then(() => "accepted", (e) => e.name))
const unchecked = createApiClient({ baseUrl: "http://localhost", fetch: respond({ ...order, status: "lost" }) })
results.push((await unchecked.getApiOrdersById({ params: { id: 1 } })).data.status)
console.log(JSON.stringify(results))
"#;
    std::fs::write(dir.join("check.mjs"), script).unwrap();
    let output = std::process::Command::new("node").arg("check.mjs").current_dir(&dir).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout.trim(), r#"["paid","ZodError","lost"]"#);
}
