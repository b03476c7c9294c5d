-- Functions called with supabase-js `.rpc()`: argument names matter, renames and moves happen.
create table orders (id uuid primary key, total_cents integer not null);

create function order_total(order_id uuid) returns integer
language sql stable as $$ select total_cents from orders where id = order_id $$;
alter function order_total(uuid) rename to compute_order_total;

create function search_orders(query text, "maxRows" integer default 20) returns setof orders
language sql as $$ select * from orders limit "maxRows" $$;

create function order_stats(in customer uuid, out total integer, inout orders integer)
language sql as $$ select 1, 2 $$;

create schema internal;
create function helper(integer, label text) returns text language sql as $$ select label $$;
alter function helper set schema internal;
alter function compute_order_total(uuid) security definer;
