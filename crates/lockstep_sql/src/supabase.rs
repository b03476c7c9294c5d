//! What Supabase provides before the first migration runs: the `auth` and `storage` schemas
//! with the tables and functions apps reference. Replayed first so that `references
//! auth.users(id)` and `auth.uid()` resolve; the conformance tests apply the same SQL to a real
//! server, so both sides start from one description.

use crate::replay::replay_text;
use crate::schema::{Bucket, Schema};

/// Schemas owned by Supabase and its extensions: never reported as extra, never compared.
pub const PROVIDER_SCHEMAS: [&str; 12] = [
    "auth",
    "storage",
    "extensions",
    "realtime",
    "graphql",
    "graphql_public",
    "supabase_functions",
    "vault",
    "pgsodium",
    "net",
    "cron",
    "supabase_migrations",
];

/// The roles every Supabase project has.
pub const ROLES: [&str; 3] = ["anon", "authenticated", "service_role"];

/// The objects of a new Supabase project that migrations refer to, as SQL.
// language=SQL
pub const PRELUDE: &str = r"
create schema if not exists auth;
create schema if not exists storage;
create schema if not exists extensions;

create table auth.users (
  id uuid primary key,
  email text,
  phone text,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  created_at timestamptz,
  updated_at timestamptz
);

create function auth.uid() returns uuid language sql stable
  as $$ select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
create function auth.role() returns text language sql stable
  as $$ select nullif(current_setting('request.jwt.claim.role', true), '')::text $$;
create function auth.email() returns text language sql stable
  as $$ select nullif(current_setting('request.jwt.claim.email', true), '')::text $$;
create function auth.jwt() returns jsonb language sql stable
  as $$ select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb $$;

create table storage.buckets (
  id text primary key,
  name text not null,
  owner uuid,
  public boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  metadata jsonb,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now()
);
alter table storage.objects enable row level security;

create publication supabase_realtime;

create function storage.foldername(name text) returns text[] language sql immutable
  as $$ select string_to_array(name, '/') $$;
";

/// The schema of a new Supabase project.
pub fn prelude() -> Schema {
    replay_text(Schema::default(), PRELUDE)
}

pub fn is_provider_schema(schema: &str) -> bool {
    PROVIDER_SCHEMAS.contains(&schema) || schema.starts_with("pg_") || schema == "information_schema"
}

/// The buckets the `insert into storage.buckets (id, name, public, ...) values (...)`
/// statements of `text` create, without origin. Other statements, and values that are not
/// literals, are ignored.
pub fn buckets(text: &str) -> Vec<Bucket> {
    let mut rows = Vec::new();
    for statement in crate::split::split_statements(text) {
        let sql = &text[statement.start as usize..statement.end as usize];
        let lower = sql.to_ascii_lowercase();
        let Some(at) = lower.find("insert into storage.buckets") else { continue };
        let rest = &sql[at + "insert into storage.buckets".len()..];
        let Some((columns, values)) = rest.split_once(')').and_then(|(head, tail)| {
            let columns: Vec<String> = head
                .trim()
                .trim_start_matches('(')
                .split(',')
                .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
                .collect();
            let tail_lower = tail.to_ascii_lowercase();
            let values_at = tail_lower.find("values")?;
            Some((columns, &tail[values_at + "values".len()..]))
        }) else {
            continue;
        };
        // `on conflict (id) do update set allowed_mime_types = array[...]` follows the values:
        // its parentheses are no rows.
        let values = ["on conflict", "returning"]
            .iter()
            .filter_map(|w| values.to_ascii_lowercase().find(w))
            .min()
            .map_or(values, |end| &values[..end]);
        for tuple in tuples(values) {
            let get = |name: &str| columns.iter().position(|c| c == name).and_then(|i| tuple.get(i));
            let Some(id) = get("id").or_else(|| get("name")).and_then(|v| string_literal(v)) else { continue };
            rows.push(Bucket {
                id,
                public: get("public").is_some_and(|v| v.eq_ignore_ascii_case("true")),
                file_size_limit: get("file_size_limit").and_then(|v| v.parse().ok()),
                allowed_mime_types: get("allowed_mime_types").map(|v| string_list(v)).unwrap_or_default(),
                origin: None,
            });
        }
    }
    rows
}

/// The top-level `( ... )` groups of a `values` list, each split at its top-level commas.
fn tuples(values: &str) -> Vec<Vec<String>> {
    let mut tuples = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut item = String::new();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut chars = values.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            item.push(c);
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    item.push(chars.next().expect("peeked"));
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        match c {
            '\'' => {
                quoted = true;
                item.push(c);
            }
            '(' | '[' => {
                depth += 1;
                if depth > 1 {
                    item.push(c);
                }
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    current.push(item.trim().to_owned());
                    item.clear();
                    tuples.push(std::mem::take(&mut current));
                } else {
                    item.push(c);
                }
            }
            ',' if depth == 1 => {
                current.push(item.trim().to_owned());
                item.clear();
            }
            ';' if depth == 0 => break,
            _ if depth >= 1 => item.push(c),
            _ => {}
        }
    }
    tuples
}

fn string_literal(value: &str) -> Option<String> {
    let value = value.split("::").next()?.trim();
    let inner = value.strip_prefix('\'')?.strip_suffix('\'')?;
    Some(inner.replace("''", "'"))
}

/// `array['a', 'b']` or `'{a,b}'`.
fn string_list(value: &str) -> Vec<String> {
    let value = value.split("::").next().unwrap_or(value).trim();
    let lower = value.to_ascii_lowercase();
    if let Some(items) = lower.strip_prefix("array[").map(|_| &value[6..value.len().saturating_sub(1)]) {
        return items.split(',').filter_map(|i| string_literal(i.trim())).collect();
    }
    if let Some(inner) = string_literal(value) {
        return inner
            .trim_matches(['{', '}'])
            .split(',')
            .map(|s| s.trim().trim_matches('"').to_owned())
            .filter(|s| !s.is_empty())
            .collect();
    }
    Vec::new()
}

/// Buckets the storage policies of `text` name (`bucket_id = 'avatars'` in a policy on
/// `storage.objects`): a bucket made in the dashboard leaves no insert, only its policies.
pub fn policy_buckets(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for statement in crate::split::split_statements(text) {
        let sql = &text[statement.start as usize..statement.end as usize];
        let lower = sql.to_ascii_lowercase();
        if !lower.trim_start().starts_with("create policy") || !lower.contains("storage.objects") {
            continue;
        }
        let mut rest = lower.as_str();
        while let Some(at) = rest.find("bucket_id") {
            rest = &rest[at + "bucket_id".len()..];
            let Some(value) = rest.trim_start().strip_prefix('=').map(str::trim_start) else { continue };
            let Some(value) = value.strip_prefix('\'') else { continue };
            let Some(end) = value.find('\'') else { continue };
            // Bucket ids keep their case: take the name from the original text.
            let offset = sql.len() - value.len();
            let name = &sql[offset..offset + end];
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

#[cfg(test)]
mod bucket_tests {
    use super::*;

    #[test]
    fn on_conflict_clauses_are_no_rows() {
        let sql = "insert into storage.buckets (id, name, public) values ('docs', 'docs', false)\non conflict (id) do update set allowed_mime_types = array['application/pdf', 'text/html'];";
        let rows = buckets(sql);
        assert_eq!(rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["docs"]);
    }

    #[test]
    fn storage_policies_name_their_buckets() {
        let sql = "create policy \"read own\" on storage.objects for select using (bucket_id = 'Listing-Images' and auth.uid() is not null);\ncreate policy p on public.t using (bucket_id = 'no');";
        assert_eq!(policy_buckets(sql), ["Listing-Images"]);
    }

    #[test]
    fn bucket_inserts_are_read() {
        let sql = "create table t (id int);\ninsert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)\nvalues ('product-images', 'product-images', true, 5242880, array['image/png', 'image/jpeg']), ('avatars', 'avatars', false, null, '{image/*}');";
        let rows = buckets(sql);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].id, "product-images");
        assert!(rows[0].public);
        assert_eq!(rows[0].file_size_limit, Some(5_242_880));
        assert_eq!(rows[0].allowed_mime_types, ["image/png", "image/jpeg"]);
        assert_eq!(rows[1].id, "avatars");
        assert!(!rows[1].public);
        assert_eq!(rows[1].allowed_mime_types, ["image/*"]);
    }
}
