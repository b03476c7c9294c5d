create type order_status as enum ('pending', 'paid', 'shipped');
alter type order_status add value 'refunded';
create table orders (id uuid primary key, status order_status not null);
