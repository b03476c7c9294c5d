create table customers (
  id serial primary key,
  customerName text not null,
  email text unique,
  created timestamp default now()
);

create table invoices (
  id serial primary key,
  customer integer references customers (id),
  amount numeric(10, 2) not null check (amount > 0)
);
