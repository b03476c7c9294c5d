create schema private;

create table private.api_keys (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id) on delete cascade,
  hashed_key text not null unique,
  created_at timestamptz default now()
);

create function private.is_admin(user_id uuid) returns boolean language sql security definer stable as $$
  select exists (select 1 from private.api_keys where owner_id = user_id)
$$;

create table public.reports (id uuid primary key, body text);
alter table public.reports enable row level security;
create policy "admins read reports" on public.reports for select using (private.is_admin(auth.uid()));
