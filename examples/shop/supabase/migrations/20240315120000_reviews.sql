-- Reviews, one per customer and product.

create table public.reviews (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references public.products (id) on delete cascade,
  author_id uuid not null references public.profiles (id) on delete cascade,
  rating smallint not null check (rating between 1 and 5),
  body text,
  created_at timestamptz not null default now(),
  unique (product_id, author_id)
);

alter table public.reviews enable row level security;

create policy "Reviews are public" on public.reviews
  for select to anon, authenticated using (true);
create policy "Authors write reviews" on public.reviews
  for insert to authenticated with check (author_id = auth.uid());
create policy "Authors edit reviews" on public.reviews
  for update to authenticated using (author_id = auth.uid());
create policy "Authors delete reviews" on public.reviews
  for delete to authenticated using (author_id = auth.uid());
