create table public.products (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  price_cents integer not null,
  status text not null,
  constraint products_price_check check ((PRICE_CENTS >= 0)),
  constraint products_status_check check (status = any (array['draft'::text, 'live'::text]))
);
