create table profiles (id uuid primary key, role text not null default 'user', bio text);
alter table profiles enable row level security;
create policy "edit own bio" on profiles for update to authenticated with check (id = auth.uid() and role = 'user');
create policy "insert self" on profiles for insert to authenticated with check (id = auth.uid());
