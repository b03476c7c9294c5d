create schema if not exists private;
create schema if not exists private;

create table if not exists private.secrets (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  value text not null
);
create table if not exists private.secrets (id int);

drop table if exists public.legacy;
drop view if exists public.legacy_view;
drop type if exists public.legacy_type;
drop function if exists public.legacy_fn();
drop index if exists public.legacy_idx;
alter table if exists public.legacy add column x int;

create type private.level as enum ('low', 'high');
alter table private.secrets add column level private.level not null default 'low';
