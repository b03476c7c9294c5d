create type status as enum ('draft', 'published');
create table posts (id uuid primary key default gen_random_uuid(), status status not null default 'published', views integer not null, created_at timestamptz not null default now());
