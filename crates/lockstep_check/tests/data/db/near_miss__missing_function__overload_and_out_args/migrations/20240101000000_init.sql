create function search_orders(query text) returns integer language sql as $$ select 1 $$;
create or replace function public.search_orders(query text, max_rows integer) returns integer
language plpgsql as $$ begin return max_rows; end $$;

-- OUT arguments are results, not arguments a caller passes.
create function order_stats(in customer_id uuid, out total integer, out orders integer)
language sql as $$ select 1, 2 $$;
