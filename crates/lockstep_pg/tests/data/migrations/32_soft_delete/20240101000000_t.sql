create table documents (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  title text not null,
  deleted_at timestamptz
);
alter table documents enable row level security;
create policy "hide deleted" on documents for select using (deleted_at is null and owner_id = auth.uid());
create policy "soft delete only" on documents for update using (owner_id = auth.uid()) with check (owner_id = auth.uid());
create index documents_live_idx on documents (owner_id) where deleted_at is null;
