//! What Supabase provides before the first migration runs: the `auth` and `storage` schemas
//! with the tables and functions apps reference. Replayed first so that `references
//! auth.users(id)` and `auth.uid()` resolve; the conformance tests apply the same SQL to a real
//! server, so both sides start from one description.

use crate::replay::replay_text;
use crate::schema::Schema;

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
