-- The schema as it stood when the project moved to migrations: later changes live in
-- supabase/migrations.
create table public.projects (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id) on delete cascade,
  name text not null,
  archived boolean not null default false,
  created_at timestamptz not null default now()
);

create table public.tasks (
  id bigint generated always as identity primary key,
  project_id uuid not null references public.projects (id) on delete cascade,
  title text not null,
  status text not null default 'todo' check (status in ('todo', 'doing', 'done')),
  due_on date
);

create view public.project_stats as
  select p.id as project_id, p.name, count(t.id) as task_count
  from public.projects p left join public.tasks t on t.project_id = p.id
  group by p.id, p.name;

alter table public.projects enable row level security;
create policy "owners read projects" on public.projects for select using (auth.uid() = owner_id);
