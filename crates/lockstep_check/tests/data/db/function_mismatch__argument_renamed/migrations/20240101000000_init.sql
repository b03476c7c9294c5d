create function search_orders(query text, "limit" integer default 20) returns integer
language sql as $$ select 1 $$;
