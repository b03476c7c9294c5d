create function archive_order(order_id uuid) returns void language sql as $$ select $$;
