create table public.system_events (
  id bigint generated always as identity primary key,
  level text not null,
  message text not null,
  details jsonb
);

-- Callers leave out the defaulted arguments: `.rpc('log_system_event', { p_level, p_message })`.
create or replace function public.log_system_event(
  p_level text,
  p_message text,
  p_details jsonb default null,
  p_source text default 'app'
) returns bigint language sql as $$
  insert into public.system_events (level, message, details) values (p_level, p_message, p_details) returning id;
$$;

create function public.ping() returns text language sql as $$ select 'pong' $$;
