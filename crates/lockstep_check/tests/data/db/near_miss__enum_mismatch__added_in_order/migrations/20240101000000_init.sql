create type order_status as enum ('pending', 'shipped');
alter type order_status add value 'paid' before 'shipped';
alter type order_status add value 'cancelled' after 'shipped';
create table orders (id uuid primary key, status order_status not null);
