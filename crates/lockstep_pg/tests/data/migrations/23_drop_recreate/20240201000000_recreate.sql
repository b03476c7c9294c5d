drop table sessions;
create table sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  data jsonb not null default '{}'::jsonb,
  expires_at timestamptz not null default now() + interval '7 days'
);
create index sessions_user_idx on sessions (user_id);
