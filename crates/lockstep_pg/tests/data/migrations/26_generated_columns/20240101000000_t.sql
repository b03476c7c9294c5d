create table line_items (
  id serial primary key,
  quantity integer not null,
  unit_cents integer not null,
  total_cents integer generated always as (quantity * unit_cents) stored,
  first_name text,
  last_name text,
  full_name text generated always as (coalesce(first_name, '') || ' ' || coalesce(last_name, '')) stored
);
