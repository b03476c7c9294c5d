drop policy "public reads" on notes;
create policy "public reads" on notes for select to anon using (visibility = 'public');
alter policy "owner reads" on notes using (owner_id = auth.uid() or visibility = 'team');
alter policy "admins" on notes rename to "administrators";
drop policy if exists "missing" on notes;
