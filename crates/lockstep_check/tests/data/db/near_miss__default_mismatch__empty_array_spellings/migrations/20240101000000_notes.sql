create table public.notes (
  id uuid primary key default gen_random_uuid(),
  tags text[] not null default ARRAY[]::text[],
  labels text[] not null default '{}'::text[]
);
