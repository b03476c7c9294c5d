//! Extraction tests: realistic files in, facts out.

mod guard;
mod routes;

use lockstep_diagnostics::{FileId, Sources};
use lockstep_ts::extract;
use lockstep_ts::facts::FileFacts;

fn read(path: &str, text: &str) -> (FileFacts, FileId, Sources) {
    let mut sources = Sources::new();
    let file = sources.add(path, text);
    (extract(file, path, text), file, sources)
}

fn at(text: &str, span: lockstep_diagnostics::Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

#[test]
fn reads_a_react_page_with_a_query_chain() {
    let text = r"'use client'
import { createClient } from '@/lib/supabase/client'
import { useEffect, useState } from 'react'

export default function Orders() {
  const supabase = createClient()
  const [rows, setRows] = useState<any[]>([])
  useEffect(() => {
    supabase
      .from('orders')
      .select(`id, total_cents, customer:profiles!orders_customer_id_fkey(username)`)
      .eq('status', 'paid')
      .order('created_at', { ascending: false })
      .then(({ data }) => setRows(data ?? []))
  }, [])
  const letters = Array.from('abc')
  return <ul>{rows.map((r) => <li key={r.id}>{r.total_cents}</li>)}</ul>
}
";
    let (facts, _, _) = read("app/orders/page.tsx", text);
    assert!(facts.parse_error.is_none(), "{:?}", facts.parse_error);
    assert_eq!(facts.queries.len(), 1, "{:#?}", facts.queries);
    let query = &facts.queries[0];
    assert_eq!(at(text, query.table.as_ref().unwrap().span), "orders");
    let select = query.select.as_ref().unwrap();
    assert_eq!(select.parsed().unwrap().len(), 3);
    let columns: Vec<&str> = query.columns.iter().map(|c| at(text, c.name.span)).collect();
    assert_eq!(columns, ["status", "created_at"]);
}

#[test]
fn reads_payloads_buckets_and_ignores_other_from_calls() {
    let text = r#"import { supabase } from '../integrations/supabase/client'
import knex from 'knex'

export async function save(userId: string, file: File) {
  await supabase.from('profiles').update({ full_name: 'x', "avatar_url": null }).eq('id', userId)
  await supabase.from("order_items").insert([{ order_id: 1, quantity: 2 }, { unit_cents: 3 }])
  await supabase.from('reviews').upsert({ product_id: 'p' }, { onConflict: 'product_id, author_id' })
  await supabase.storage.from('product-images').upload(`a/${userId}`, file)
  const rows = await knex.from('legacy').select('whatever')
  const t = 'dyn'
  await supabase.from(t).select('id')
  let u = 'maybe'
  await supabase.from(u).select('id')
  return Buffer.from('x')
}
"#;
    let (facts, _, _) = read("lib/save.ts", text);
    assert_eq!(facts.queries.len(), 5, "{:#?}", facts.queries);
    let keys: Vec<&str> = facts.queries[0].columns.iter().map(|c| at(text, c.name.span)).collect();
    assert_eq!(keys, ["full_name", "avatar_url", "id"]);
    let keys: Vec<&str> = facts.queries[1].columns.iter().map(|c| c.name.name.as_str()).collect();
    assert_eq!(keys, ["order_id", "quantity", "unit_cents"]);
    let keys: Vec<&str> = facts.queries[2].columns.iter().map(|c| at(text, c.name.span)).collect();
    assert_eq!(keys, ["product_id", "product_id", "author_id"]);
    let followed = facts.queries[3].table.as_ref().expect("a `const` string is followed");
    assert_eq!((followed.name.as_str(), at(text, followed.span)), ("dyn", "t"));
    assert!(facts.queries[4].table.is_none(), "a `let`, which may change, is not guessed");
    assert_eq!(facts.buckets.len(), 1);
    assert_eq!(at(text, facts.buckets[0].span), "product-images");
}

#[test]
fn files_that_do_not_parse_are_reported_not_panicked_on() {
    let (facts, _, _) = read("broken.ts", "const x = {;\n");
    assert!(facts.parse_error.is_some());
    let (facts, _, _) = read("binary.ts", "\u{0}\u{1}\u{2}garbage");
    assert!(facts.parse_error.is_some());
    let deep = format!("const x = {}1{};", "(".repeat(10_000), ")".repeat(10_000));
    let (facts, _, _) = read("deep.ts", &deep);
    assert!(facts.queries.is_empty());
}

/// Reads of data through a member chain, as `(text read, path depth)`.
fn chain_reads(text: &str) -> Vec<String> {
    let (facts, _, _) = read("src/chain.ts", text);
    assert!(facts.parse_error.is_none(), "{:?}", facts.parse_error);
    let mut reads: Vec<String> = facts.reads.iter().map(|r| at(text, r.span).to_owned()).collect();
    reads.sort();
    reads
}

#[test]
fn long_member_chains_are_read_like_short_ones() {
    // Chains of at least eight links are read in one pass from the base (each link walking to
    // the base made a chain of n members cost n² steps: 100,000 members took 17 s).
    let short = "import { supabase } from './supabase'\nconst { data } = await supabase.from('notes').select('*')\nconsole.log(data[0].a.b)\n";
    assert_eq!(chain_reads(short), ["0", "a", "b"]);
    let long = "import { supabase } from './supabase'\nconst { data } = await supabase.from('notes').select('*')\nconsole.log(data[0].a!.b['c'].d.e.f.g[1].h.toString())\n";
    assert_eq!(chain_reads(long), ["0", "1", "a", "b", "c", "d", "e", "f", "g", "h"]);
}

#[test]
fn a_chain_just_under_the_limit_is_read_in_linear_time() {
    let links = lockstep_ts::guard::MAX_CHAIN - 100;
    let text = format!(
        "import {{ supabase }} from './supabase'\nconst {{ data }} = await supabase.from('notes').select('*')\nconsole.log(data{})\n",
        ".b".repeat(links)
    );
    // Parsing and walking a chain this long needs more stack than a test thread has.
    let reads = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || chain_reads(&text).len())
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(reads, links);
}
