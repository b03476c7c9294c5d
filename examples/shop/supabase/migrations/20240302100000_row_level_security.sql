-- Who may read and change what.

alter table public.profiles enable row level security;
alter table public.categories enable row level security;
alter table public.products enable row level security;
alter table public.orders enable row level security;
alter table public.order_items enable row level security;

create policy "Profiles are public" on public.profiles
  for select to anon, authenticated using (true);
create policy "Users update their own profile" on public.profiles
  for update to authenticated using ((select auth.uid()) = id);

create policy "Categories are public" on public.categories
  for select to anon, authenticated using (true);

create policy "Active products are public" on public.products
  for select to anon, authenticated using (status = 'active');
create policy "Admins manage products" on public.products
  for all to authenticated
  using (exists (select 1 from profiles p where p.id = auth.uid() and p.is_admin));

create policy "Customers read their orders" on public.orders
  for select to authenticated using (customer_id = auth.uid());
create policy "Customers place orders" on public.orders
  for insert to authenticated with check (customer_id = auth.uid());
create policy "Customers edit pending orders" on public.orders
  for update to authenticated using (customer_id = auth.uid() and status = 'pending');

create policy "Customers read their order items" on public.order_items
  for select to authenticated
  using (exists (select 1 from orders o where o.id = order_id and o.customer_id = auth.uid()));
