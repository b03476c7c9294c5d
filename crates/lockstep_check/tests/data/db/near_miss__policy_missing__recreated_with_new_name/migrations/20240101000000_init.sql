create table notes (id uuid primary key, owner_id uuid not null, status text not null);
alter table notes enable row level security;
create policy "read own" on notes for select to authenticated using (owner_id = (select auth.uid()));
create policy "delete own" on notes for delete to authenticated using (owner_id = auth.uid());
drop policy "delete own" on notes;
create policy "Users delete their notes" on notes for delete to authenticated using ((select auth.uid()) = owner_id);
create policy "insert own" on notes for insert to authenticated with check (status = any (array['open', 'draft']) and owner_id = auth.uid());
