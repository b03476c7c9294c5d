create table public.teams (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  plan text not null default 'free',
  stripe_customer_id text unique
);

create table public.invites (
  id uuid primary key default gen_random_uuid(),
  team_id uuid not null references public.teams (id) on delete cascade,
  email text not null,
  accepted_at timestamptz,
  created_at timestamptz not null default now(),
  unique (team_id, email)
);

create table public.processed_events (
  id text primary key,
  source text not null,
  received_at timestamptz not null default now()
);

create table public.deployments (
  id bigint generated always as identity primary key,
  repository text not null,
  commit_sha text not null,
  created_at timestamptz not null default now()
);

alter table public.teams enable row level security;
alter table public.invites enable row level security;
alter table public.processed_events enable row level security;
alter table public.deployments enable row level security;

create policy "members read their team" on public.teams for select to authenticated using (true);
create policy "members read invites" on public.invites for select to authenticated using (true);
create policy "members read deployments" on public.deployments for select to authenticated using (true);
