create table documents (id uuid primary key, owner_id uuid not null, is_public boolean not null);
alter table documents enable row level security;
create policy "public docs" on documents for select to authenticated, anon using ((is_public = true));
create policy "never for anon writes" on documents as restrictive for insert to anon with check (false);
