create table documents (id uuid primary key, owner_id uuid not null, is_public boolean not null);
alter table documents enable row level security;
create policy "public docs" on documents for select to anon, authenticated using (is_public = true);
create policy "owners update" on documents for update to authenticated using (owner_id = auth.uid());
alter policy "owners update" on documents using (true);
create policy "debug: everyone deletes" on documents for delete using (true);
