create table notes (id uuid primary key, owner_id uuid not null);
create policy "own notes" on notes for select to authenticated using (owner_id = auth.uid());
