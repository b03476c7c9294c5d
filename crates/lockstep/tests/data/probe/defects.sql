-- The planted database defects of the fixture app (applied after schema.sql for the defective
-- twin). Each is one a migration review misses and `lockstep test --only rls` finds.

-- D10: a select policy that shows every user's notes.
drop policy notes_select_policy on public.notes;
create policy notes_select_policy on public.notes for select to authenticated using (true);

-- D11: an insert policy without its check: a user can insert notes owned by another.
drop policy notes_insert_policy on public.notes;
create policy notes_insert_policy on public.notes for insert to authenticated with check (true);

-- D13: the policies of payments exist, but row-level security was never enabled.
alter table public.payments disable row level security;
