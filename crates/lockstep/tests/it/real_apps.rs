//! Habits of real AI-built apps (Lovable, Bolt) that once gave false alarms or hid drift: each
//! test adopts or checks a small app written in that habit.

use std::fmt::Write as _;

use crate::support::{TempDir, finding_tuples, lockstep};

type Finding = (String, String, u64);

fn check(dir: &TempDir, only: &[&str]) -> Vec<Finding> {
    let mut args = vec!["check", "--format", "json"];
    for layer in only {
        args.extend(["--only", layer]);
    }
    let mut found = finding_tuples(&lockstep(dir.path(), &args).stdout);
    found.sort();
    found
}

fn init(dir: &TempDir) -> String {
    let run = lockstep(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "init must adopt the app:\n{}", run.stderr);
    run.stderr
}

fn finding(code: &str, file: &str, line: u64) -> Finding {
    (code.to_owned(), file.to_owned(), line)
}

const OK_ROUTE: &str = "export async function GET() {\n  return Response.json({ ok: true })\n}\n";

#[test]
fn build_output_is_skipped_at_the_root_only() {
    // `coverage`, `build` and `out` deeper down are routes; the root's `dist` is a build.
    let dir = TempDir::new();
    dir.write("lockstep.toml", "[sources]\ninclude = [\"app\", \"dist\"]\n");
    dir.write(
        "contract/app.lockstep",
        "endpoint GET /api/health {\n  200 { ok: bool }\n}\n\nendpoint GET /api/reports/coverage {\n  200 { ok: bool }\n}\n\nendpoint GET /api/build {\n  200 { ok: bool }\n}\n\nendpoint GET /api/out {\n  200 { ok: bool }\n}\n",
    );
    dir.write("app/api/health/route.ts", OK_ROUTE);
    dir.write("app/api/reports/coverage/route.ts", OK_ROUTE);
    dir.write("app/api/build/route.ts", OK_ROUTE);
    dir.write("app/api/out/route.ts", OK_ROUTE);
    dir.write("dist/app/api/ghost/route.js", OK_ROUTE);
    // Output elsewhere is `.gitignore`d, which the walk honours.
    dir.write(".gitignore", "app/generated/\n");
    dir.write("app/generated/api/ghost/route.ts", OK_ROUTE);
    assert_eq!(check(&dir, &["api"]), [], "every route is found, and no build output is read");
}

#[test]
fn an_edge_function_that_checks_no_method_answers_any_method() {
    let dir = TempDir::new();
    dir.write(
        "src/lib/supabase.ts",
        "import { createClient } from '@supabase/supabase-js'\nexport const supabase = createClient('https://x.supabase.co', 'anon')\n",
    );
    // No method check besides CORS: serves every method.
    dir.write(
        "supabase/functions/report/index.ts",
        "Deno.serve(async (req) => {\n  if (req.method === 'OPTIONS') return new Response('ok')\n  return new Response(JSON.stringify({ rows: [] }))\n})\n",
    );
    // Compound conditions split the function per method.
    dir.write(
        "supabase/functions/orders/index.ts",
        "Deno.serve(async (req) => {\n  const action = new URL(req.url).searchParams.get('action')\n  if (req.method === 'GET' && action === 'list') return Response.json({ orders: [] })\n  if (req.method === 'POST' && action === 'create') return Response.json({ order: {} }, { status: 201 })\n  return Response.json({ error: 'unknown action' }, { status: 400 })\n})\n",
    );
    // A method check makes the method count.
    dir.write(
        "supabase/functions/strict/index.ts",
        "Deno.serve(async (req) => {\n  if (req.method !== 'POST') return new Response(null, { status: 405 })\n  return Response.json({ done: true })\n})\n",
    );
    dir.write(
        "src/App.tsx",
        "import { supabase } from './lib/supabase'\n\nexport async function load() {\n  await supabase.functions.invoke('report', { method: 'GET' })\n  await supabase.functions.invoke('orders', { method: 'GET' })\n  await supabase.functions.invoke('orders', { body: {} })\n  await supabase.functions.invoke('strict', { method: 'GET' })\n}\n",
    );
    init(&dir);
    assert_eq!(check(&dir, &[]), [finding("ui/method-not-allowed", "src/App.tsx", 7)]);
}

#[test]
fn a_route_file_that_does_not_parse_is_reported_once_at_the_file() {
    let dir = TempDir::new();
    dir.write(
        "src/lib/supabase.ts",
        "import { createClient } from '@supabase/supabase-js'\nexport const supabase = createClient('https://x.supabase.co', 'anon')\n",
    );
    dir.write(
        "supabase/functions/broken/index.ts",
        "Deno.serve(async (req) => {\n  return new Response(JSON.stringify({ ok: true })\n})\n",
    );
    dir.write("supabase/functions/fine/index.ts", "Deno.serve(async () => Response.json({ ok: true }))\n");
    dir.write(
        "src/App.tsx",
        "import { supabase } from './lib/supabase'\n\nexport async function load() {\n  await supabase.functions.invoke('broken')\n  await supabase.functions.invoke('fine')\n  await fetch('/functions/v1/missing')\n}\n",
    );
    let notes = init(&dir);
    assert!(notes.contains("supabase/functions/broken/index.ts` does not parse"), "{notes}");
    // The call of a function that does not exist at all is still reported.
    assert_eq!(
        check(&dir, &[]),
        [
            finding("ui/unknown-endpoint", "src/App.tsx", 6),
            finding("ui/unparsed-file", "supabase/functions/broken/index.ts", 3),
        ]
    );
}

#[test]
fn a_secret_behind_a_public_prefix_is_declared_secret_and_reported() {
    let dir = TempDir::new();
    dir.write(
        ".env",
        "VITE_SUPABASE_URL=https://abc.supabase.co\nVITE_SUPABASE_ANON_KEY=eyJhbGciOiJIUzI1NiJ9.anon\nVITE_OPENAI_API_KEY=sk-proj-0123456789abcdef\nVITE_STRIPE_PUBLISHABLE_KEY=pk_test_123\n",
    );
    dir.write(
        "src/lib/ai.ts",
        "export const url = import.meta.env.VITE_SUPABASE_URL\nexport const anon = import.meta.env.VITE_SUPABASE_ANON_KEY\nexport const openai = import.meta.env.VITE_OPENAI_API_KEY\nexport const stripe = import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY\n",
    );
    init(&dir);
    let contract = dir.read("contract/env.lockstep");
    assert!(contract.contains("VITE_OPENAI_API_KEY") && contract.contains("secret"), "{contract}");
    let declared = |name: &str| contract.lines().find(|l| l.contains(name)).unwrap_or_default().to_owned();
    assert!(declared("VITE_OPENAI_API_KEY").contains("secret"), "{contract}");
    for public in ["VITE_SUPABASE_URL", "VITE_SUPABASE_ANON_KEY", "VITE_STRIPE_PUBLISHABLE_KEY"] {
        assert!(declared(public).contains("public"), "{public}:\n{contract}");
    }
    let found = check(&dir, &[]);
    let codes: Vec<(&str, &str)> = found.iter().map(|(c, f, _)| (c.as_str(), f.as_str())).collect();
    assert_eq!(
        codes,
        [("contract/secret-with-public-prefix", "contract/env.lockstep"), ("env/secret-exposed", "src/lib/ai.ts")],
        "{found:?}"
    );
    assert_eq!(found[1].2, 3);
}

#[test]
fn bodies_of_one_status_are_a_union_and_later_keys_count() {
    let dir = TempDir::new();
    dir.write(
        "app/api/session/route.ts",
        "import { NextResponse } from 'next/server'\nexport async function GET(req: Request) {\n  if (req.headers.get('x-guest')) return NextResponse.json({ guest: true })\n  const body = { user: { id: 'u1' } }\n  body.expiresAt = Date.now()\n  return NextResponse.json(body)\n}\n",
    );
    dir.write(
        "src/session.ts",
        "export async function session() {\n  const res = await fetch('/api/session')\n  const json = await res.json()\n  return [json.guest, json.user, json.expiresAt, json.token]\n}\n",
    );
    init(&dir);
    let contract = dir.read("contract/api.lockstep");
    assert!(contract.contains("200 { guest?: json, user?: json, expiresAt?: json }"), "{contract}");
    assert_eq!(check(&dir, &[]), [finding("ui/unknown-field", "src/session.ts", 4)]);
}

#[test]
fn handler_bodies_from_rpc_split_chains_and_single_rows_are_judged() {
    let dir = TempDir::new();
    dir.write(
        "contract/app.lockstep",
        "function get_stats {\n  returns { total: int }[]\n}\n\nendpoint GET /api/stats {\n  200 { data: json[] }\n}\n\nendpoint GET /api/orders {\n  200 { orders: json[] }\n}\n\nendpoint GET /api/orders/{id: uuid} {\n  200 { order: json }\n}\n\nendpoint GET /api/late {\n  200 { id: uuid }\n}\n",
    );
    dir.write(
        "app/api/stats/route.ts",
        "import { supabase } from '@/lib/supabase'\nexport async function GET() {\n  const { data } = await supabase.rpc('get_stats')\n  return Response.json(data)\n}\n",
    );
    dir.write(
        "app/api/orders/route.ts",
        "import { supabase } from '@/lib/supabase'\nexport async function GET(req: Request) {\n  let query = supabase.from('orders').select('id, status')\n  query = query.eq('status', 'paid')\n  const { data } = await query\n  return Response.json(data)\n}\n",
    );
    dir.write(
        "app/api/orders/[id]/route.ts",
        "import { supabase } from '@/lib/supabase'\nexport async function GET() {\n  const { data } = await supabase.from('orders').select('id, status').single()\n  return Response.json(data)\n}\n",
    );
    dir.write(
        "app/api/late/route.ts",
        "export async function GET() {\n  const body = { id: 'x' }\n  body.debug = true\n  return Response.json(body)\n}\n",
    );
    assert_eq!(
        check(&dir, &["api"]),
        [
            finding("api/response-shape", "app/api/late/route.ts", 3),
            finding("api/response-shape", "app/api/orders/[id]/route.ts", 4),
            finding("api/response-shape", "app/api/orders/route.ts", 6),
            finding("api/response-shape", "app/api/stats/route.ts", 4),
        ]
    );
}

#[test]
fn reads_of_an_rpc_result_follow_the_functions_result_columns() {
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20240101000000_stats.sql",
        "create table public.profiles (id uuid primary key, active boolean not null default true);\n\ncreate function public.get_stats()\nreturns table (total_users bigint, active_users bigint)\nlanguage sql stable\nas $$ select count(*), count(*) filter (where active) from public.profiles $$;\n",
    );
    dir.write(
        "src/lib/supabase.ts",
        "import { createClient } from '@supabase/supabase-js'\nexport const supabase = createClient('https://x.supabase.co', 'anon')\n",
    );
    dir.write(
        "src/Dashboard.tsx",
        "import { supabase } from './lib/supabase'\n\nexport async function Dashboard() {\n  const { data: stats } = await supabase.rpc('get_stats')\n  const total = stats?.[0]?.total_users\n  const active = stats?.[0]?.activeUsers\n  return <p>{total} {active} {stats?.[0]?.signups}</p>\n}\n",
    );
    init(&dir);
    let contract = dir.read("contract/data.lockstep");
    assert!(contract.contains("returns { total_users: bigint, active_users: bigint }[]"), "{contract}");
    assert_eq!(
        check(&dir, &[]),
        [finding("ui/casing-mismatch", "src/Dashboard.tsx", 6), finding("ui/unknown-field", "src/Dashboard.tsx", 7)]
    );
}

#[test]
fn tables_the_migrations_change_but_never_create_are_one_finding_not_one_per_query() {
    // Bolt apps: the base tables were made in the hosted database; the migrations only alter them.
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_extras.sql",
        "create table public.playlists (id uuid primary key default gen_random_uuid(), title text not null);\nalter table public.songs add column play_count integer not null default 0;\ncreate index songs_title_idx on public.songs (title);\nalter table public.users enable row level security;\ncreate policy \"own row\" on public.users for select using (auth.uid() = id);\n",
    );
    dir.write(
        "src/lib/supabase.ts",
        "import { createClient } from '@supabase/supabase-js'\nexport const supabase = createClient('https://x.supabase.co', 'anon')\n",
    );
    dir.write(
        "src/pages/Songs.tsx",
        "import { supabase } from '../lib/supabase'\nexport async function load() {\n  const { data } = await supabase.from('songs').select('id, title, play_count')\n  const { data: me } = await supabase.from('users').select('id, display_name').single()\n  const { data: lists } = await supabase.from('playlists').select('id, title')\n  const { data: ghost } = await supabase.from('albums').select('id')\n  return { data, me, lists, ghost }\n}\n",
    );
    init(&dir);
    assert_eq!(
        check(&dir, &[]),
        [
            finding("db/incomplete-migrations", "supabase/migrations/20250101000000_extras.sql", 2),
            // A table no source knows is still reported.
            finding("ui/unknown-table", "src/pages/Songs.tsx", 6),
        ]
    );
}

#[test]
fn odd_corners_of_the_generated_types_are_adopted_whole() {
    // Found on real apps: the types file in an unusual folder, columns that differ only in case
    // or are no identifiers, a reference to a non-key column, and a migrated table referencing a
    // table only the types file knows. Each once made init leave an entity out (or panic).
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_requests.sql",
        "create table public.requests (\n  id uuid primary key default gen_random_uuid(),\n  tenant_id uuid not null references public.tenants (id),\n  note text\n);\n",
    );
    dir.write(
        "shared/lib/database.types.ts",
        r#"export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]
export type Database = {
  public: {
    Tables: {
      tenants: {
        Row: { id: string; name: string; slug: string }
        Insert: { id?: string; name: string; slug: string }
        Update: { id?: string; name?: string; slug?: string }
        Relationships: []
      }
      ledger: {
        Row: { id: number; Valor: number | null; valor: number | null; "Dt.Aceite": string | null; tenant_slug: string }
        Insert: { id?: number; Valor?: number | null; valor?: number | null; "Dt.Aceite"?: string | null; tenant_slug: string }
        Update: { id?: number; Valor?: number | null; valor?: number | null; "Dt.Aceite"?: string | null; tenant_slug?: string }
        Relationships: [
          { foreignKeyName: "ledger_tenant_slug_fkey"; columns: ["tenant_slug"]; isOneToOne: false; referencedRelation: "tenants"; referencedColumns: ["slug"] },
        ]
      }
    }
    Views: { [_ in never]: never }
    Functions: { [_ in never]: never }
    Enums: { [_ in never]: never }
    CompositeTypes: { [_ in never]: never }
  }
}
"#,
    );
    dir.write(
        "shared/lib/queries.ts",
        "import { createClient } from '@supabase/supabase-js'\nconst supabase = createClient('https://x.supabase.co', 'anon')\nexport const load = () => supabase.from('ledger').select('id, Valor, valor, tenant_slug')\nexport const tenants = () => supabase.from('tenants').select('id, name').eq('slug', 'acme')\n",
    );
    let notes = init(&dir);
    assert!(!notes.contains("left out"), "init left something out:\n{notes}");
    let contract = dir.read("contract/data.lockstep");
    assert!(contract.contains("@map(\"Dt.Aceite\")"), "{contract}");
    assert_eq!(
        check(&dir, &[]),
        [finding("db/incomplete-migrations", "shared/lib/database.types.ts", 1)],
        "{contract}"
    );
}

#[test]
fn browser_code_reading_unprefixed_names_that_are_no_secrets_is_not_an_exposure() {
    // `import.meta.env.VITE_SUPABASE_URL || import.meta.env.SUPABASE_URL` and canister ids: the
    // unprefixed names read as undefined in the browser and name nothing secret.
    let dir = TempDir::new();
    dir.write("package.json", "{ \"dependencies\": { \"vite\": \"5\" } }\n");
    dir.write(".env", "VITE_SUPABASE_URL=https://x.supabase.co\nVITE_OPENAI_API_KEY=sk-test\n");
    dir.write(
        "src/lib/config.ts",
        "export const url = import.meta.env.VITE_SUPABASE_URL || import.meta.env.SUPABASE_URL\nexport const canister = process.env.CANISTER_ID_BACKEND\nexport const openai = import.meta.env.VITE_OPENAI_API_KEY\nexport const admin = import.meta.env.SUPABASE_SERVICE_ROLE_KEY\n",
    );
    init(&dir);
    let env = dir.read("contract/env.lockstep");
    let declared =
        |name: &str| env.lines().find(|l| l.trim_start().starts_with(&format!("{name} "))).unwrap_or_default();
    assert!(declared("SUPABASE_URL").contains(" public"), "{env}");
    assert!(declared("CANISTER_ID_BACKEND").contains(" public"), "{env}");
    assert!(declared("SUPABASE_SERVICE_ROLE_KEY").contains(" secret"), "{env}");
    assert_eq!(
        check(&dir, &["env"]),
        [
            // The contract says so too: a secret named with a public prefix.
            finding("contract/secret-with-public-prefix", "contract/env.lockstep", 6),
            finding("env/secret-exposed", "src/lib/config.ts", 3),
            finding("env/secret-exposed", "src/lib/config.ts", 4),
        ],
        "{env}"
    );
}

#[test]
fn rpc_calls_may_leave_out_arguments_with_defaults() {
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_log.sql",
        "create function public.log_event(p_level text, p_message text, p_details jsonb default null, p_source text default 'app') returns void language sql as $$ select 1 $$;\n",
    );
    dir.write(
        "src/log.ts",
        "import { createClient } from '@supabase/supabase-js'\nconst supabase = createClient('https://x.supabase.co', 'anon')\nexport const ok = () => supabase.rpc('log_event', { p_level: 'info', p_message: 'hi' })\nexport const all = () => supabase.rpc('log_event', { p_level: 'info', p_message: 'hi', p_details: {}, p_source: 'x' })\nexport const short = () => supabase.rpc('log_event', { p_level: 'info' })\n",
    );
    init(&dir);
    assert_eq!(check(&dir, &[]), [finding("ui/unknown-function", "src/log.ts", 5)]);
}

#[test]
fn an_edge_function_answering_through_local_helpers_is_still_an_endpoint() {
    let dir = TempDir::new();
    dir.write(
        "supabase/functions/withdrawals/index.ts",
        "import { serve } from 'https://deno.land/std@0.190.0/http/server.ts'\nconst cors = { 'Access-Control-Allow-Origin': '*' }\nfunction ok(data: Record<string, unknown>) {\n  return new Response(JSON.stringify({ success: true, ...data }), { headers: cors })\n}\nserve(async (req) => {\n  if (req.method === 'OPTIONS') return new Response(null, { headers: cors })\n  const { action } = await req.json()\n  return ok({ action })\n})\n",
    );
    dir.write("supabase/functions/ping/index.ts", "Deno.serve(() => new Response(JSON.stringify({ pong: true })))\n");
    dir.write(
        "src/api.ts",
        "import { createClient } from '@supabase/supabase-js'\nconst supabase = createClient('https://x.supabase.co', 'anon')\nexport const list = () => supabase.functions.invoke('withdrawals', { body: { action: 'list' } })\nexport const ghost = () => supabase.functions.invoke('withdrawal', { body: {} })\n",
    );
    init(&dir);
    assert!(dir.read("contract/api.lockstep").contains("/functions/v1/withdrawals"));
    assert_eq!(check(&dir, &["ui"]), [finding("ui/unknown-endpoint", "src/api.ts", 4)]);
}

#[test]
fn columns_the_migrations_add_to_a_table_only_the_types_file_describes_are_kept() {
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_tokens.sql",
        "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'profiles' AND column_name = 'tokens_balance') THEN\n    ALTER TABLE profiles ADD COLUMN tokens_balance bigint DEFAULT 500;\n  END IF;\nEND $$;\n",
    );
    dir.write(
        "src/integrations/supabase/types.ts",
        "export type Database = {\n  public: {\n    Tables: {\n      profiles: {\n        Row: { id: string; email: string }\n        Insert: { id: string; email: string }\n        Update: { id?: string; email?: string }\n        Relationships: []\n      }\n    }\n  }\n}\n",
    );
    dir.write(
        "src/billing.ts",
        "import { createClient } from '@supabase/supabase-js'\nconst supabase = createClient('https://x.supabase.co', 'anon')\nexport const balance = () => supabase.from('profiles').select('id, tokens_balance')\nexport const typo = () => supabase.from('profiles').select('id, token_balance')\n",
    );
    init(&dir);
    let found = check(&dir, &[]);
    let codes: Vec<(&str, u64)> = found.iter().map(|(c, _, l)| (c.as_str(), *l)).collect();
    assert!(codes.contains(&("ui/unknown-column", 4)), "{found:?}");
    assert!(!codes.contains(&("ui/unknown-column", 3)), "{found:?}");
    assert!(codes.contains(&("db/stale-types", 1)), "the types file lacks the migrated column: {found:?}");
}

#[test]
fn code_querying_mostly_tables_no_source_describes_is_one_finding() {
    // The schema lives in a dashboard; the only migration describes one table.
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_one.sql",
        "create table public.settings (id uuid primary key, theme text);\n",
    );
    let mut code = String::from(
        "import { createClient } from '@supabase/supabase-js'\nconst supabase = createClient('https://x.supabase.co', 'anon')\n",
    );
    for n in 0..12 {
        let _ = writeln!(code, "export const q{n} = () => supabase.from('table_{n}').select('id')");
    }
    code.push_str("export const s = () => supabase.from('settings').select('id, colour')\n");
    dir.write("src/queries.ts", &code);
    init(&dir);
    assert_eq!(
        check(&dir, &[]),
        [
            finding("db/incomplete-migrations", "src/queries.ts", 3),
            // The described table is still checked.
            finding("ui/unknown-column", "src/queries.ts", 15),
        ]
    );
}

#[test]
fn an_app_hears_once_that_its_schema_sources_are_incomplete() {
    // Two holes at once: a table the migrations alter but never create, and one only the types
    // file has.
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_a.sql",
        "create table public.notes (id uuid primary key, body text);\nalter table public.songs add column plays int;\n",
    );
    dir.write(
        "src/integrations/supabase/types.ts",
        "export type Database = {\n  public: {\n    Tables: {\n      tags: {\n        Row: { id: string; name: string }\n        Insert: { id?: string; name: string }\n        Update: { id?: string; name?: string }\n        Relationships: []\n      }\n    }\n  }\n}\n",
    );
    init(&dir);
    let found = check(&dir, &[]);
    let incomplete = found.iter().filter(|(code, _, _)| code == "db/incomplete-migrations").count();
    assert_eq!(incomplete, 1, "{found:?}");
    let run = lockstep(dir.path(), &["check", "--format", "json"]);
    assert!(run.stdout.contains("songs") && run.stdout.contains("tags"), "{}", run.stdout);
}

#[test]
fn embeds_along_references_to_tables_outside_the_contract() {
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_playlists.sql",
        "create table public.playlists (id uuid primary key, user_id uuid references auth.users (id));\ncreate table public.playlist_songs (id uuid primary key, playlist_id uuid references public.playlists (id), song_id uuid references public.songs (id));\n",
    );
    dir.write(
        "src/playlists.ts",
        "import { createClient } from '@supabase/supabase-js'\nconst supabase = createClient('https://x.supabase.co', 'anon')\n// songs is made in the hosted database: not checked.\nexport const songs = () => supabase.from('playlist_songs').select('id, song:song_id(title)')\n// auth.users is not exposed by PostgREST.\nexport const owners = () => supabase.from('playlists').select('id, owner:user_id(email)')\n",
    );
    init(&dir);
    let found: Vec<Finding> = check(&dir, &[]).into_iter().filter(|(c, _, _)| c.starts_with("ui/")).collect();
    assert_eq!(found, [finding("ui/unknown-table", "src/playlists.ts", 6)]);
}

const SUPABASE_CLIENT: &str = "import { createClient } from '@supabase/supabase-js'\nexport const supabase = createClient('https://x.supabase.co', 'anon')\n";

#[test]
fn tables_and_functions_the_migrations_only_use_are_assumed_not_unknown() {
    // Made in the dashboard: migrations seed a table, hang a trigger on another, read a third
    // in a function body and alter a function, but create none of them.
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_a.sql",
        "create table public.notes (id uuid primary key, body text);\n\
         insert into public.ad_placements (placement_key) values ('home');\n\
         create function public.touch() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$;\n\
         create trigger bots_touch before update on public.bots for each row execute function public.touch();\n\
         create function public.top_songs() returns setof uuid language sql as $$ select s.id from public.songs s join public.plays p on p.song_id = s.id $$;\n\
         alter function public.get_user_threads() set search_path = public;\n",
    );
    // Renamed away, then used by its old name: a conflict, and the old name stays unknown.
    dir.write(
        "supabase/migrations/20250102000000_b.sql",
        "create table public.members (id uuid primary key);\nalter table public.members rename to people;\n",
    );
    dir.write("src/lib/supabase.ts", SUPABASE_CLIENT);
    dir.write(
        "src/pages/Home.tsx",
        "import { supabase } from '../lib/supabase'\nexport async function load() {\n  await supabase.from('ad_placements').select('placement_key')\n  await supabase.from('bots').select('id')\n  await supabase.from('songs').select('id')\n  await supabase.rpc('get_user_threads')\n  await supabase.from('members').select('id')\n  await supabase.from('albums').select('id')\n}\n",
    );
    init(&dir);
    assert_eq!(
        check(&dir, &[]),
        [
            finding("db/incomplete-migrations", "supabase/migrations/20250101000000_a.sql", 2),
            finding("ui/unknown-table", "src/pages/Home.tsx", 7),
            finding("ui/unknown-table", "src/pages/Home.tsx", 8),
        ]
    );
    let run = lockstep(dir.path(), &["check"]);
    for name in ["ad_placements", "bots", "songs", "plays", "get_user_threads"] {
        assert!(run.stdout.contains(name), "the incomplete-migrations finding names `{name}`:\n{}", run.stdout);
    }
}

#[test]
fn sql_run_by_hand_outside_the_migrations_makes_objects_known_but_not_checked() {
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_a.sql",
        "create table public.notes (id uuid primary key, body text);\n",
    );
    // Scripts run in the SQL editor, and a migration Bolt set aside.
    dir.write(
        "APPLY_FIX.sql",
        "create table if not exists public.checkins (id uuid primary key, day date);\nalter table public.notes add column pinned boolean not null default false;\ninsert into storage.buckets (id, name, public) values ('receipts', 'receipts', false);\n",
    );
    dir.write(
        ".bolt/supabase_discarded_migrations/20240101000000_old.sql",
        "create or replace function public.streak(uid uuid) returns integer language sql as $$ select 1 $$;\n",
    );
    // Not scripts: a test run in a rolled-back transaction, and the down half of a migration.
    dir.write("supabase/tests/notes_test.sql", "create table public.scratch (id int);\n");
    dir.write("db/001_ghosts.down.sql", "create table public.ghosts (id int);\n");
    dir.write("src/lib/supabase.ts", SUPABASE_CLIENT);
    dir.write(
        "src/pages/Home.tsx",
        "import { supabase } from '../lib/supabase'\nexport async function load() {\n  await supabase.from('checkins').select('id, day, anything')\n  await supabase.from('notes').select('id, pinned')\n  await supabase.rpc('streak', { uid: 'x' })\n  await supabase.storage.from('receipts').upload('a', new Blob())\n  await supabase.from('scratch').select('id')\n  await supabase.from('ghosts').select('id')\n}\n",
    );
    init(&dir);
    assert_eq!(
        check(&dir, &[]),
        [
            finding("db/incomplete-migrations", ".bolt/supabase_discarded_migrations/20240101000000_old.sql", 1),
            finding("ui/unknown-table", "src/pages/Home.tsx", 7),
            finding("ui/unknown-table", "src/pages/Home.tsx", 8),
        ]
    );
}

#[test]
fn buckets_made_in_the_dashboard_are_one_finding_and_a_near_miss_stays_an_error() {
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_a.sql",
        "create table public.notes (id uuid primary key);\ninsert into storage.buckets (id, name, public) values ('product-images', 'product-images', true);\n",
    );
    dir.write("src/lib/supabase.ts", SUPABASE_CLIENT);
    dir.write(
        "src/pages/Upload.tsx",
        "import { supabase } from '../lib/supabase'\nexport async function upload(file: Blob) {\n  await supabase.storage.from('product_images').upload('a', file)\n  await supabase.storage.from('avatars').upload('a', file)\n  await supabase.storage.from('documents').upload('a', file)\n  await supabase.storage.from('product-images').upload('a', file)\n}\n",
    );
    init(&dir);
    assert_eq!(
        check(&dir, &[]),
        [
            finding("db/incomplete-migrations", "src/pages/Upload.tsx", 4),
            finding("ui/unknown-bucket", "src/pages/Upload.tsx", 3),
        ]
    );
}

#[test]
fn policies_without_using_and_network_columns_survive_the_round_trip() {
    let dir = TempDir::new();
    dir.write(
        "supabase/migrations/20250101000000_a.sql",
        "create table public.sessions (id uuid primary key, ip inet, network cidr, device macaddr, owner uuid);\n\
         alter table public.sessions enable row level security;\n\
         create policy \"service manages\" on public.sessions for all to authenticated with check (true);\n\
         create policy \"owner edits\" on public.sessions for update to authenticated using (true) with check (owner = auth.uid());\n\
         create policy \"owner reads\" on public.sessions for select to authenticated using (owner = auth.uid());\n",
    );
    let notes = init(&dir);
    assert!(!notes.contains("inet"), "inet columns are adopted, not left out:\n{notes}");
    assert_eq!(check(&dir, &[]), []);
    let contract = dir.read("contract/data.lockstep");
    assert!(contract.contains("ip      inet?") || contract.contains("ip inet?"), "{contract}");
    assert!(contract.contains("allow update to authenticated when `true` check"), "{contract}");
}

#[test]
fn a_status_from_a_helper_response_may_be_any_status() {
    let dir = TempDir::new();
    // The admin guard lives in another file and answers 401 or 403 itself.
    dir.write(
        "app/api/contacts/route.ts",
        "import { NextResponse } from 'next/server'\nimport { requireAdmin } from '@/lib/auth'\n\nexport async function POST(req: Request) {\n  const admin = await requireAdmin(req)\n  if (!admin.ok) return admin.response\n  const rows = [1, 2].map((n) => { return n * 2 })\n  return NextResponse.json({ ok: true, rows })\n}\n",
    );
    dir.write(
        "app/api/tags/route.ts",
        "import { NextResponse } from 'next/server'\n\nexport async function POST(req: Request) {\n  return NextResponse.json({ ok: true }, { status: 201 })\n}\n",
    );
    dir.write(
        "app/contacts/page.tsx",
        "'use client'\nexport async function sync() {\n  const res = await fetch('/api/contacts', { method: 'POST' })\n  if (res.status === 403) return 'forbidden'\n  const tag = await fetch('/api/tags', { method: 'POST' })\n  if (tag.status === 409) return 'exists'\n  return res.ok\n}\n",
    );
    init(&dir);
    assert_eq!(check(&dir, &[]), [finding("ui/undeclared-status", "app/contacts/page.tsx", 6)]);
}
