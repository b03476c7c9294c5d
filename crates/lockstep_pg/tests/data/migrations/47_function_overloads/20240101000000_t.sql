create function add_points(user_id uuid, points integer) returns integer language sql as $$ select points $$;
create function add_points(user_id uuid, points integer, reason text) returns integer language sql as $$ select points $$;
create function add_points(points bigint) returns bigint language sql as $$ select points $$;
drop function add_points(bigint);
create function now_utc() returns timestamp language sql stable as $$ select timezone('utc', now()) $$;
create function list_ids() returns table (id uuid) language sql as $$ select gen_random_uuid() $$;
create function order_stats(p_owner uuid) returns table (total bigint, "lastStatus" text) language sql as $$ select 1::bigint, 'x' $$;
create function divide(a integer, b integer, out quotient integer, out remainder integer) language sql as $$ select a / b, a % b $$;
