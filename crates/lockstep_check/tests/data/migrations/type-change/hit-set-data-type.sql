set lock_timeout = '5s';
alter table public.orders alter column "Total" set data type bigint using "Total"::bigint;
