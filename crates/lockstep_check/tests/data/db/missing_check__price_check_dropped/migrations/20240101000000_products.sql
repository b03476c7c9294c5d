create table public.products (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  price_cents integer not null check (price_cents >= 0),
  status text not null check (status in ('draft', 'live'))
);
