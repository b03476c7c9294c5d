create type member_role as enum ('owner', 'admin', 'member');

create table organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique,
  created_at timestamptz not null default now()
);

create table memberships (
  org_id uuid not null references organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role member_role not null default 'member',
  primary key (org_id, user_id)
);

alter table organizations enable row level security;
alter table memberships enable row level security;

create policy "members see their orgs" on organizations for select to authenticated
  using (id in (select org_id from memberships where user_id = auth.uid()));
create policy "owners update orgs" on organizations for update to authenticated
  using (exists (select 1 from memberships m where m.org_id = organizations.id and m.user_id = auth.uid() and m.role = 'owner'));
create policy "members see memberships" on memberships for select to authenticated using (user_id = auth.uid());
