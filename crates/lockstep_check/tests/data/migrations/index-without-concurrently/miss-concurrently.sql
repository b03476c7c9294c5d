-- lockstep:no-transaction
create index concurrently orders_customer_idx on orders (customer_id);
