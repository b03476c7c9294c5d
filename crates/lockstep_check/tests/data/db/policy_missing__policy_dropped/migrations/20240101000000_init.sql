create table notes (id uuid primary key, owner_id uuid not null);
alter table notes enable row level security;
create policy "read own" on notes for select to authenticated using (owner_id = auth.uid());
create policy "delete own" on notes for delete to authenticated using (owner_id = auth.uid());
drop policy "delete own" on notes;
