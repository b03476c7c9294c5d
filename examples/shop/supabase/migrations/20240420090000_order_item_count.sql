-- The orders page shows how many items each order has, through supabase.rpc().
create function public.order_item_count(order_id uuid) returns integer
language sql stable
as $$
  select coalesce(sum(quantity), 0)::integer from public.order_items where order_items.order_id = $1
$$;
