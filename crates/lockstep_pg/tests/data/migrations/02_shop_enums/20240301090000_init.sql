create type order_status as enum ('pending', 'paid', 'shipped', 'cancelled');

create table categories (
  id bigint generated always as identity primary key,
  slug text not null unique,
  name text not null
);

create table products (
  id uuid primary key default gen_random_uuid(),
  category_id bigint references categories (id) on delete set null,
  name text not null,
  price_cents integer not null check (price_cents >= 0),
  currency char(3) not null default 'EUR',
  tags text[] not null default '{}',
  created_at timestamptz not null default now()
);

create table orders (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references auth.users (id) on delete cascade,
  status order_status not null default 'pending',
  total_cents integer not null default 0,
  note text,
  created_at timestamptz not null default now()
);

create table order_items (
  order_id uuid not null references orders (id) on delete cascade,
  product_id uuid not null references products (id) on delete restrict,
  quantity integer not null default 1,
  unit_cents integer not null,
  primary key (order_id, product_id)
);
