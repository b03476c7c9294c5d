create extension if not exists pgcrypto;
create table tokens (
  id uuid primary key default gen_random_uuid(),
  token text not null default encode(gen_random_bytes(16), 'hex'),
  created_at timestamptz default now()
);
