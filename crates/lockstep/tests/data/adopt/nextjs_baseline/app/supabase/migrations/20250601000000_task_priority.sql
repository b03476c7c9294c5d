alter table public.tasks add column priority smallint not null default 0;
