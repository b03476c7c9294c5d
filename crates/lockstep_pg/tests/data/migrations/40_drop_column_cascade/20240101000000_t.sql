create table tasks (id uuid primary key, owner uuid not null, team uuid, title text not null);
alter table tasks enable row level security;
create policy "team tasks" on tasks for select using (team = auth.uid());
create policy "own tasks" on tasks for select using (owner = auth.uid());
create index tasks_team_idx on tasks (team);
alter table tasks drop column team cascade;
