create table deals (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id) on delete cascade,
  title text not null,
  amount numeric(12, 2),
  stage text not null default 'lead',
  created_at timestamptz not null default now()
);
