create type status as enum ('draft', 'published');
create table posts (
  id uuid primary key default gen_random_uuid(),
  status status not null default 'draft'::status,
  views integer not null default 0,
  ratio numeric not null default '-1.5',
  label text not null default 'n/a'::text,
  tags text[] not null default '{}'::text[],
  created_at timestamptz not null default timezone('utc'::text, now()),
  seen_at timestamptz not null default current_timestamp
);
