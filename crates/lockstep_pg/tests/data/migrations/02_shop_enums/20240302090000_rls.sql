alter table orders enable row level security;
alter table order_items enable row level security;

create policy "customers read their orders" on orders for select to authenticated
  using (customer_id = auth.uid());
create policy "customers create orders" on orders for insert to authenticated
  with check (customer_id = auth.uid());
create policy "items of own orders" on order_items for select to authenticated
  using (exists (select 1 from orders o where o.id = order_id and o.customer_id = auth.uid()));
