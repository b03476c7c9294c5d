alter table leads drop column source;
alter table leads enable row level security;
create policy "sales reads" on leads for select to authenticated using (true);
