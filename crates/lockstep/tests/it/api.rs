//! The API layer: Next.js route handlers against the contract's endpoints.

use crate::support::{TempDir, finding_tuples, json, lockstep};

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
    finding_tuples(&lockstep(dir.path(), &["check", "--format", "json", "--only", "api"]).stdout)
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

const SHAPES: &str = "type Error { code: text, message: text }
type Item { id: uuid, name: text, priceCents: int }

endpoint GET /api/items {
  200 { data: Item[], nextCursor?: text }
  401 Error
}

endpoint POST /api/items {
  body { name: text, priceCents: int }
  201 { id: uuid, createdAt: timestamptz }
  400 Error
}

endpoint GET /api/items/{id: uuid} {
  200 Item
  404 Error
}

endpoint DELETE /api/items/{id: uuid} {
  204
}
";

/// The `api/response-shape` and `api/request-field` findings of a project on [`SHAPES`].
fn shape_findings(files: &[(&str, &str)]) -> Vec<(String, String, u64)> {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", SHAPES);
    for (path, text) in files {
        dir.write(path, text);
    }
    let mut found: Vec<_> = codes(&dir)
        .into_iter()
        .filter(|(code, _, _)| code == "api/response-shape" || code == "api/request-field")
        .collect();
    found.sort();
    found
}

#[test]
fn bodies_and_request_fields_drift_in_every_framework() {
    // Next.js app router: the rows sent bare where the contract wraps them; a snake_case field
    // read from the body; a 201 body with the database's casing.
    let next = shape_findings(&[
        (
            "app/api/items/route.ts",
            "import { NextResponse } from 'next/server'\nimport { supabase } from '@/lib/supabase'\n\nexport async function GET() {\n  const { data: items } = await supabase.from('items').select('*')\n  return NextResponse.json(items)\n}\n\nexport async function POST(req: Request) {\n  const { name, price_cents } = await req.json()\n  const { data } = await supabase.from('items').insert({ name, price_cents }).select().single()\n  return NextResponse.json({ id: data.id, created_at: data.created_at }, { status: 201 })\n}\n",
        ),
        (
            "app/api/items/[id]/route.ts",
            "export async function GET() {\n  return Response.json({ id: '1', name: 'Tea' })\n}\nexport async function DELETE() {\n  return new Response(null, { status: 204 })\n}\n",
        ),
    ]);
    assert_eq!(
        next,
        [
            ("api/request-field".to_owned(), "app/api/items/route.ts".to_owned(), 10),
            ("api/response-shape".to_owned(), "app/api/items/[id]/route.ts".to_owned(), 2),
            ("api/response-shape".to_owned(), "app/api/items/route.ts".to_owned(), 6),
            ("api/response-shape".to_owned(), "app/api/items/route.ts".to_owned(), 12),
        ]
    );
    // Express with a router mounted from another file: an envelope renamed to `items`, and a
    // body field the contract never declared.
    let express = shape_findings(&[
        (
            "server/index.ts",
            "import express from 'express'\nimport items from './routes/items'\nconst app = express()\napp.use('/api', items)\n",
        ),
        (
            "server/routes/items.ts",
            "import { Router } from 'express'\nconst router = Router()\nrouter.get('/items', (req, res) => {\n  res.json({ items: [] })\n})\nrouter.post('/items', (req, res) => {\n  const title = req.body.title\n  res.status(201).json({ id: 'x', createdAt: new Date().toISOString(), title })\n})\nrouter.get('/items/:id', (req, res) => res.json({ id: req.params.id, name: 'Tea', priceCents: 1 }))\nrouter.delete('/items/:id', (req, res) => res.sendStatus(204))\nexport default router\n",
        ),
    ]);
    assert_eq!(
        express,
        [
            ("api/request-field".to_owned(), "server/routes/items.ts".to_owned(), 7),
            ("api/response-shape".to_owned(), "server/routes/items.ts".to_owned(), 4),
            ("api/response-shape".to_owned(), "server/routes/items.ts".to_owned(), 4),
            ("api/response-shape".to_owned(), "server/routes/items.ts".to_owned(), 8),
        ]
    );
    // Hono under a base path: a body read on an endpoint that declares none.
    let hono = shape_findings(&[(
        "src/index.ts",
        "import { Hono } from 'hono'\nimport { supabase } from './supabase'\nconst app = new Hono().basePath('/api')\napp.get('/items', async (c) => {\n  const { data } = await supabase.from('items').select('*').limit(1).single()\n  return c.json({ data: [data] })\n})\napp.get('/items/:id', async (c) => {\n  const { data } = await supabase.from('items').select('*').eq('id', c.req.param('id')).single()\n  return c.json(data)\n})\napp.post('/items', async (c) => {\n  const { name, priceCents } = await c.req.json()\n  return c.json({ id: 'x', createdAt: 'now' }, 201)\n})\napp.delete('/items/:id', async (c) => {\n  const { reason } = await c.req.json()\n  return c.body(null, 204)\n})\n",
    )]);
    assert_eq!(hono, [("api/request-field".to_owned(), "src/index.ts".to_owned(), 17)]);
}

#[test]
fn bodies_the_contract_allows_stay_silent() {
    // Near misses: spreads and computed bodies are not guessed; optional keys may be left out;
    // error bodies match their own status; `req.query` and `req.params` are not the body; a
    // handler imported from another file is not judged.
    let found = shape_findings(&[
        (
            "app/api/items/route.ts",
            "import { NextResponse } from 'next/server'\nexport async function GET(req: Request) {\n  const url = new URL(req.url)\n  if (!url.searchParams.get('token')) return NextResponse.json({ code: 'auth', message: 'no token' }, { status: 401 })\n  const page = { data: [] }\n  return NextResponse.json(page)\n}\nexport async function POST(req: Request) {\n  const body = await req.json()\n  if (!body.name) return NextResponse.json({ code: 'invalid', message: 'name' }, { status: 400 })\n  const created = { id: crypto.randomUUID(), createdAt: new Date().toISOString(), ...body }\n  return NextResponse.json(created, { status: 201 })\n}\n",
        ),
        (
            "app/api/items/[id]/route.ts",
            "import { getItem } from '@/lib/items'\nexport async function GET(_req: Request, { params }: { params: { id: string } }) {\n  const item = await getItem(params.id)\n  return Response.json(item)\n}\nexport async function DELETE() {\n  return new Response(null, { status: 204 })\n}\n",
        ),
    ]);
    assert_eq!(found, []);
}

#[test]
fn responses_the_code_does_not_show_are_not_judged_missing() {
    // A computed status (`{ status }` from an error) and a response built by a helper of another
    // module may be the declared 200: `api/missing-status` stays silent; an explicit wrong
    // status is still reported.
    let found = shape_findings(&[]);
    assert_eq!(found, []);
    let dir = TempDir::new();
    dir.write(
        "contract/app.lockstep",
        "endpoint POST /api/chat {\n  200 json\n}\nendpoint GET /api/keys {\n  200 json\n}\n",
    );
    dir.write(
        "app/api/chat/route.ts",
        "export async function POST(req: Request) {\n  try {\n    return new StreamingTextResponse(await stream(req))\n  } catch (error: any) {\n    return new Response(JSON.stringify({ message: error.message }), { status: error.status || 500 })\n  }\n}\n",
    );
    dir.write("app/api/keys/route.ts", "import { createResponse } from '@/lib/server'\nexport async function GET() {\n  return createResponse({ keys: [] }, 200)\n}\n");
    assert_eq!(codes(&dir), []);
    dir.write(
        "app/api/keys/route.ts",
        "export async function GET() {\n  return Response.json({ keys: [] }, { status: 201 })\n}\n",
    );
    let found: Vec<String> = codes(&dir).into_iter().map(|(c, _, _)| c).collect();
    assert_eq!(found, ["api/missing-status", "api/undeclared-status"]);
}

const PICKED: &str = "entity Item {
  id         uuid @id
  name       text
  priceCents int
  note       text?
}

type Page { items: Item[], nextCursor?: text, total: int }
type ItemCard = Pick<Item, id | name | note>

endpoint GET /api/items/{id: uuid} {
  200 Pick<Item, id | name | note>
}

endpoint GET /api/cards/{id: uuid} {
  200 ItemCard
}

endpoint GET /api/items {
  200 Omit<Page, total>
}
";

/// `(file, line, message)` of every finding of a project on [`PICKED`].
fn picked_findings(files: &[(&str, &str)]) -> Vec<(String, u64, String)> {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", PICKED);
    for (path, text) in files {
        dir.write(path, text);
    }
    let run = lockstep(dir.path(), &["check", "--format", "json", "--only", "api"]);
    let text = |f: &serde_json::Value, key: &str| f[key].as_str().unwrap_or_default().to_owned();
    let mut found: Vec<(String, u64, String)> = json(&run.stdout)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (text(f, "file"), f["line"].as_u64().unwrap_or(0), format!("{}: {}", text(f, "code"), text(f, "message")))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn picked_bodies_require_the_keys_they_keep() {
    // `Pick` of an entity keeps every picked field required (a null column is sent as `null`);
    // `Omit` of a type keeps its `?` keys optional. Through a named type too.
    let found = picked_findings(&[
        (
            "app/api/items/[id]/route.ts",
            "export async function GET() {\n  return Response.json({ id: '1', note: null })\n}\n",
        ),
        ("app/api/cards/[id]/route.ts", "export async function GET() {\n  return Response.json({ id: '1' })\n}\n"),
        ("app/api/items/route.ts", "export async function GET() {\n  return Response.json({ nextCursor: null })\n}\n"),
    ]);
    let leaves_out = |file: &str, keys: &str| {
        (file.to_owned(), 2, format!("api/response-shape: the handler's 200 body leaves out {keys}"))
    };
    assert_eq!(
        found,
        [
            leaves_out("app/api/cards/[id]/route.ts", "`name`, `note`"),
            leaves_out("app/api/items/[id]/route.ts", "`name`"),
            leaves_out("app/api/items/route.ts", "`items`"),
        ]
    );
    // Near miss: every kept key sent, optional ones left out, a picked key's null sent.
    let clean = picked_findings(&[
        (
            "app/api/items/[id]/route.ts",
            "export async function GET() {\n  return Response.json({ id: '1', name: 'Tea', note: null })\n}\n",
        ),
        (
            "app/api/cards/[id]/route.ts",
            "export async function GET() {\n  return Response.json({ id: '1', name: 'Tea', note: 'x' })\n}\n",
        ),
        ("app/api/items/route.ts", "export async function GET() {\n  return Response.json({ items: [] })\n}\n"),
    ]);
    assert_eq!(clean, []);
}

#[test]
fn each_source_file_is_parsed_once_for_every_code_layer() {
    // Route files of every kind (which the route walk reads too), a file that does not parse,
    // and plain modules: one `oxc` parse each serves the facts and the route handlers.
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "endpoint GET /api/items {\n  200 { data: text[] }\n}\n");
    let files = [
        ("app/api/items/route.ts", "export async function GET() {\n  return Response.json({ data: [] })\n}\n"),
        ("app/api/broken/route.ts", "export async function GET( {\n"),
        ("pages/api/ping.ts", "export default function handler(req, res) {\n  res.status(200).json({ ok: true })\n}\n"),
        ("supabase/functions/hello/index.ts", "Deno.serve(async (req) => new Response('hi'))\n"),
        (
            "server/index.ts",
            "import express from 'express'\nconst app = express()\napp.get('/api/health', (req, res) => res.json({}))\n",
        ),
        ("src/app/page.tsx", "export default function Page() {\n  return <a href=\"/x\">x</a>\n}\n"),
        ("src/lib/util.ts", "export const twice = (n: number) => n * 2\n"),
    ];
    for (path, text) in files {
        dir.write(path, text);
    }
    let run = lockstep(dir.path(), &["check", "--format", "json", "-v"]);
    let n = files.len();
    assert!(
        run.stderr.contains(&format!("source code: {n} files read, {n} parsed")),
        "expected {n} files parsed once each:\n{}",
        run.stderr
    );
    // The one parse still feeds the route walk: the undeclared handlers are found.
    let mut undeclared: Vec<String> = finding_tuples(&run.stdout)
        .into_iter()
        .filter(|(code, _, _)| code == "api/undeclared-route")
        .map(|(_, file, _)| file)
        .collect();
    undeclared.sort();
    assert_eq!(undeclared, ["pages/api/ping.ts", "server/index.ts", "supabase/functions/hello/index.ts"]);
}
