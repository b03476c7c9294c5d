//! The rules of the UI layer: supabase-js queries, rpc calls, storage and HTTP calls in the code,
//! and what the code reads from their results.

use lockstep_diagnostics::Severity;

use super::{Example, Layer, Rule};

pub const UI: Layer = Layer {
    name: "ui",
    title: "The UI code",
    page: Some("ui.md"),
    rules: &[
        Rule {
            code: "ui/unknown-table",
            severity: Severity::Error,
            summary: "the code queries a table the contract does not have",
            explanation: "A `.from('table')` or an embedded resource in a select names a table no entity maps to. PostgREST answers such a query with an error, and the page shows nothing. When a migration renamed the table, the finding points at the rename and names the current table.",
            example: Example {
                language: "ts",
                code: r"
const { data } = await supabase.from('order').select('id, total')
",
            },
            fix: "Use the table the \"did you mean\" or the rename names, or add an entity for the table to the contract.",
        },
        Rule {
            code: "ui/unknown-column",
            severity: Severity::Error,
            summary: "the code names a column the table does not have",
            explanation: "A select, filter, ordering, `onConflict` or insert/update payload names a column the table does not have. PostgREST rejects the whole query, so the feature breaks at run time although TypeScript may accept the string. A column a migration renamed gets the rename statement and its current name.",
            example: Example {
                language: "ts",
                code: r"
await supabase.from('orders').select('id, totl').eq('status', 'paid')
",
            },
            fix: "Use the column the \"did you mean\" or the rename names, or add the field to the entity (and the column to a migration).",
        },
        Rule {
            code: "ui/casing-mismatch",
            severity: Severity::Error,
            summary: "the code uses another casing than the database name",
            explanation: "The name exists under another casing: the code writes the API name (`customerId`) where supabase-js needs the database name (`customer_id`), or reads a field under the casing the rows do not carry. The query fails or the value is always `undefined`.",
            example: Example {
                language: "ts",
                code: r"
const { data } = await supabase.from('orders').select('id, customerId')
",
            },
            fix: "Write the name the help gives (the database name in queries), or alias it in the select: `customerId:customer_id`.",
        },
        Rule {
            code: "ui/invalid-select",
            severity: Severity::Error,
            summary: "a select string that does not parse",
            explanation: "A PostgREST select string has a syntax error: an unclosed parenthesis, a stray comma, a cast without a type. PostgREST rejects it at run time; the finding points at the exact character.",
            example: Example {
                language: "ts",
                code: r"
await supabase.from('orders').select('id, items(id, quantity')
",
            },
            fix: "Correct the select string at the marked character.",
        },
        Rule {
            code: "ui/unknown-bucket",
            severity: Severity::Error,
            summary: "the code uses a storage bucket the contract does not declare",
            explanation: "A `.storage.from('bucket')` names a bucket the contract has no `bucket` for. Uploads and downloads fail if the bucket does not exist, and its public or private setting and limits are unchecked if it does.",
            example: Example {
                language: "ts",
                code: r"
await supabase.storage.from('avatar').upload(path, file)
",
            },
            fix: "Use the bucket the \"did you mean\" names, or declare it: `bucket \"avatar\" { private }`.",
        },
        Rule {
            code: "ui/invalid-enum-value",
            severity: Severity::Error,
            summary: "the code compares or writes a value the enum does not have",
            explanation: "A string literal compared with or written to an enum column (or a text column whose `@check` lists its values) is not one of the values. A write fails at run time; a filter silently matches no rows.",
            example: Example {
                language: "ts",
                code: r"
await supabase.from('orders').select('id').eq('status', 'canceled')
",
            },
            fix: "Use one of the enum's values (the \"did you mean\" names the closest), or add the value to the enum and to the database.",
        },
        Rule {
            code: "ui/unknown-endpoint",
            severity: Severity::Error,
            summary: "the code calls an API path no endpoint serves",
            explanation: "A `fetch`, axios or ky call, or a `functions.invoke`, goes to a path of the app's API that no endpoint of the contract serves. The request ends in a 404; usually the route was renamed on one side only.",
            example: Example {
                language: "ts",
                code: r"
const res = await fetch(`/api/order/${id}`)
",
            },
            fix: "Call the path the \"did you mean\" names, or declare the endpoint in the contract (and write its handler).",
        },
        Rule {
            code: "ui/method-not-allowed",
            severity: Severity::Error,
            summary: "the code calls an endpoint with a method it does not accept",
            explanation: "The path exists, but no endpoint on it takes the call's method (`fetch` without a `method` sends GET). The server answers 405 or routes the request to the wrong handler.",
            example: Example {
                language: "ts",
                code: r"
// the contract declares only `endpoint DELETE /api/orders/{id}`
await fetch(`/api/orders/${id}`, { method: 'POST' })
",
            },
            fix: "Use the method the endpoint declares, or declare an endpoint for this method.",
        },
        Rule {
            code: "ui/unparsed-file",
            severity: Severity::Warning,
            summary: "a source file that does not parse",
            explanation: "A TypeScript or JavaScript file has a syntax error, or nests brackets too deep, so none of its calls, reads or route handlers were checked. For a route file, its endpoint is not reported as missing a handler, and calls of its path are not reported as unknown.",
            example: Example {
                language: "ts",
                code: r"
export async function GET() {
  return Response.json({ ok: true }
}
",
            },
            fix: "Fix the syntax error the finding points at (the app's own build fails on it too), or exclude the file with `[sources] exclude` if it is not part of the app.",
        },
        Rule {
            code: "ui/unknown-field",
            severity: Severity::Error,
            summary: "the code reads a field a query, rpc or response does not carry",
            explanation: "The code reads a field from a query's rows, an rpc's result or an API response that the value does not have: a column the select left out, or a key the contract's body does not declare. The read is always `undefined`, so the page shows blanks or crashes.",
            example: Example {
                language: "ts",
                code: r"
const { data } = await supabase.from('orders').select('id, status')
return data.map((order) => order.total)
",
            },
            fix: "Add the column to the select (the help says which), read a field the value carries, or declare the key in the endpoint's body.",
        },
        Rule {
            code: "ui/response-shape",
            severity: Severity::Error,
            summary: "the code treats a response as another shape (array, object, envelope)",
            explanation: "The code reads a response as a shape the endpoint does not return: `.map` on an object body such as `{ data: Order[] }`, or `json.data` on a bare array. It throws or reads `undefined` at run time.",
            example: Example {
                language: "ts",
                code: r"
// endpoint GET /api/orders { 200 { data: Order[] } }
const orders = await (await fetch('/api/orders')).json()
orders.map((o) => o.id)
",
            },
            fix: "Read the body the way the contract declares it (`json.data.map(...)`), or change the endpoint's response in the contract and the handler.",
        },
        Rule {
            code: "ui/undeclared-status",
            severity: Severity::Error,
            summary: "the code compares a response with a status the endpoint never returns",
            explanation: "The code branches on a status (`res.status === 204`, `case 404:`) that the endpoint does not declare. The branch is dead code, and the case the endpoint does return is handled by the wrong branch.",
            example: Example {
                language: "ts",
                code: r"
// endpoint GET /api/products { 200 Product[] }
if (res.status === 204) return []
",
            },
            fix: "Compare with a status the endpoint declares, or use `res.ok`; declare the status in the contract if the handler does return it.",
        },
        Rule {
            code: "ui/unknown-function",
            severity: Severity::Error,
            summary: "the code calls an rpc function or argument the contract does not declare",
            explanation: "A `supabase.rpc('fn', args)` names a function the contract does not declare, passes an argument key the function does not take, or leaves out a required one. PostgREST matches functions by name and argument names, so the call fails with \"could not find the function\".",
            example: Example {
                language: "ts",
                code: r"
// function order_total { args { order_id: uuid } returns int }
await supabase.rpc('order_total', { id: orderId })
",
            },
            fix: "Use the function and argument names the contract declares (database names, as the `.rpc()` object's keys), or declare the function.",
        },
        Rule {
            code: "ui/unreadable-file",
            severity: Severity::Warning,
            summary: "a source file that is not readable text",
            explanation: "A source file is not UTF-8 (or UTF-16 with a byte order mark), is over 8 MiB, or cannot be opened, so it was not checked. Anything it does with the database or the API is unchecked.",
            example: Example {
                language: "text",
                code: r"
src/lib/legacy.js   (saved as Latin-1: `caf\xe9`)
",
            },
            fix: "Convert the file to UTF-8, or exclude it with `[sources] exclude` if it is not part of the app.",
        },
    ],
};
