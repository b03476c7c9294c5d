create table orders (id uuid primary key, total_cents integer not null);

create function public.order_total(order_id uuid) returns integer
language sql stable as $$ select total_cents from orders where id = order_id $$;
