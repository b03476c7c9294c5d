create or replace function public.task_counts(p_project_id uuid)
returns table (status public.task_status, total bigint)
language sql stable
as $$
  select status, count(*) from public.tasks where project_id = p_project_id group by status;
$$;
