create table secrets (id uuid primary key, owner uuid not null, tenant uuid not null, value text);
alter table secrets enable row level security;
create policy "owner" on secrets for all to authenticated using (owner = auth.uid());
create policy "same tenant" on secrets as restrictive for all to authenticated using (tenant = (auth.jwt() ->> 'tenant_id')::uuid);
create policy "no anon" on secrets as restrictive to anon using (false);
