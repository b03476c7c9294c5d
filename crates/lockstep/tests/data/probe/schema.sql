-- The fixture app's database, as the contract describes it (applied over the Supabase prelude).

create type public.note_status as enum ('draft', 'published', 'archived');

create table public.notes (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id) on delete cascade,
  title text not null,
  status public.note_status not null default 'draft',
  created_at timestamptz not null default now()
);
alter table public.notes enable row level security;
create policy notes_select_policy on public.notes for select to authenticated using (owner_id = auth.uid());
create policy notes_update_policy on public.notes for update to authenticated using (owner_id = auth.uid());
create policy notes_delete_policy on public.notes for delete to authenticated using (owner_id = auth.uid());
create policy notes_insert_policy on public.notes for insert to authenticated with check (owner_id = auth.uid());

create table public.payments (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid references auth.users (id),
  event_id text not null,
  amount_cents integer not null,
  created_at timestamptz not null default now()
);
alter table public.payments enable row level security;
create policy payments_select_policy on public.payments for select to authenticated using (owner_id = auth.uid());

create table public.webhook_events (
  id text primary key,
  received_at timestamptz not null default now()
);

-- What Supabase grants the API roles; row-level security does the rest.
grant usage on schema public, auth to anon, authenticated;
grant select, insert, update, delete on all tables in schema public to anon, authenticated;
grant select on auth.users to anon, authenticated;

-- The user the API tests act as (LOCKSTEP_TEST_AUTH="Bearer <this id>"), and some data.
insert into auth.users (id, email) values ('00000000-0000-4000-8000-000000000001', 'ada@example.com');
insert into auth.users (id, email) values ('00000000-0000-4000-8000-000000000002', 'grace@example.com');
insert into public.notes (owner_id, title) values
  ('00000000-0000-4000-8000-000000000001', 'Ada''s note'),
  ('00000000-0000-4000-8000-000000000002', 'Grace''s note');
