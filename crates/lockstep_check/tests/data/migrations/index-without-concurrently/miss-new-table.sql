create table invoices (id bigint primary key, order_id bigint);
create index invoices_order_idx on invoices (order_id);
