-- lockstep:no-transaction
create index concurrently orders_customer_idx on orders (customer_id);
create index concurrently orders_status_idx on orders (status);
