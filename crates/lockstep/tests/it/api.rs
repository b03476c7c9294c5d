//! The API layer: Next.js route handlers against the contract's endpoints.

use crate::support::{TempDir, json, lockstep};

const CONTRACT: &str = "type Error { code: text, message: text }

endpoint GET /api/items {
  200 { data: text[] }
  401 Error
}

endpoint DELETE /api/items/{id: uuid} {
  204
  404 Error
}

endpoint POST /api/items {
  201 { id: uuid }
}

env {
  HOOK_SECRET text secret @optional
}

webhook POST /api/hooks/payments {
  signature hmac_sha256(HOOK_SECRET, header: \"X-Signature\")
  idempotency payload.id
}
";

fn codes(dir: &TempDir) -> Vec<(String, String, u64)> {
    let run = lockstep(dir.path(), &["check", "--format", "json", "--only", "api"]);
    json(&run.stdout)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap_or_default().to_owned(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn project(routes: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", CONTRACT);
    for (path, text) in routes {
        dir.write(path, text);
    }
    dir
}

const LIST: &str = "import { NextResponse } from 'next/server'\nexport async function GET() {\n  if (Math.random() > 2) return NextResponse.json({ code: 'x', message: 'y' }, { status: 401 })\n  return NextResponse.json({ data: [] })\n}\nexport const POST = async () => NextResponse.json({ id: 'x' }, { status: 201 })\n";
const ITEM: &str = "import { NextResponse } from 'next/server'\nexport async function DELETE() {\n  return new NextResponse(null, { status: 204 })\n}\n";
const HOOK: &str = "import { createHmac, timingSafeEqual } from 'node:crypto'\nexport async function POST(req: Request) {\n  const body = await req.text()\n  const mac = createHmac('sha256', process.env.HOOK_SECRET!).update(body).digest()\n  if (!timingSafeEqual(mac, Buffer.from(req.headers.get('x-signature') ?? '', 'hex'))) return new Response(null, { status: 401 })\n  const payload = JSON.parse(body)\n  await remember(payload.id)\n  return new Response(null, { status: 200 })\n}\n";
const UNSAFE_HOOK: &str = "export async function POST(req: Request) {\n  const payload = await req.json()\n  await handle(payload.type)\n  return new Response(null, { status: 200 })\n}\n";

#[test]
fn handlers_in_step_with_the_contract_are_clean() {
    // Near misses: route groups, `src/app`, parameter names that differ, webhooks, non-route files.
    let dir = project(&[
        ("src/app/(shop)/api/items/route.ts", LIST),
        ("src/app/(shop)/api/items/[itemId]/route.ts", ITEM),
        ("src/app/api/hooks/payments/route.ts", HOOK),
        ("src/app/items/page.tsx", "export default function Page() { return null }\n"),
    ]);
    assert_eq!(codes(&dir), [], "a clean app has no API findings");
}

#[test]
fn drifted_handlers_are_reported_at_their_line() {
    let dir = project(&[
        ("app/api/items/route.ts", LIST),
        // 200 instead of the declared 204, and an undeclared 500.
        (
            "app/api/items/[id]/route.ts",
            "import { NextResponse } from 'next/server'\nexport async function DELETE() {\n  if (Math.random() > 2) return NextResponse.json({}, { status: 500 })\n  return NextResponse.json({ deleted: true })\n}\nexport async function PUT() {\n  return new Response(null, { status: 204 })\n}\n",
        ),
        ("app/api/hooks/payments/route.ts", HOOK),
    ]);
    let found = codes(&dir);
    let expect = |code: &str, line: u64| {
        assert!(found.iter().any(|(c, _, l)| c == code && *l == line), "expected {code} at line {line}: {found:?}");
    };
    expect("api/undeclared-status", 3);
    expect("api/undeclared-status", 4);
    expect("api/missing-status", 2);
    expect("api/undeclared-route", 6);
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn a_missing_handler_points_at_the_contract() {
    let dir = project(&[("app/api/items/route.ts", LIST)]);
    let found = codes(&dir);
    assert!(found.iter().any(|(c, f, _)| c == "api/missing-handler" && f == "contract/app.lockstep"), "{found:?}");
    // An app without any route handler is not checked for them.
    let none = project(&[("app/page.tsx", "export default function Page() { return null }\n")]);
    assert_eq!(codes(&none), []);
}

#[test]
fn webhook_handlers_must_verify_and_use_the_idempotency_key() {
    let dir = project(&[
        ("app/api/items/route.ts", LIST),
        ("app/api/items/[id]/route.ts", ITEM),
        ("app/api/hooks/payments/route.ts", UNSAFE_HOOK),
    ]);
    let found: Vec<String> = codes(&dir).into_iter().map(|(c, _, _)| c).collect();
    assert_eq!(found, ["webhook/no-idempotency", "webhook/unverified"], "{found:?}");
    // Without a handler at all, the webhook is a missing handler.
    let dir = project(&[("app/api/items/route.ts", LIST), ("app/api/items/[id]/route.ts", ITEM)]);
    let found: Vec<String> = codes(&dir).into_iter().map(|(c, _, _)| c).collect();
    assert_eq!(found, ["api/missing-handler"], "{found:?}");
}
