create table notes (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null default auth.uid(),
  team_id uuid,
  body text not null,
  visibility text not null default 'private' check (visibility in ('private', 'team', 'public')),
  archived boolean not null default false
);

alter table notes enable row level security;
alter table notes force row level security;

create policy "owner reads" on notes for select using (owner_id = auth.uid());
create policy "public reads" on notes for select to anon, authenticated using (visibility = 'public' and not archived);
create policy "owner writes" on notes for all to authenticated using (owner_id = auth.uid()) with check (owner_id = auth.uid());
create policy "no deletes of archived" on notes as restrictive for delete to authenticated using (archived = false);
create policy "admins" on notes for update to authenticated using ((auth.jwt() ->> 'role') = 'admin');
