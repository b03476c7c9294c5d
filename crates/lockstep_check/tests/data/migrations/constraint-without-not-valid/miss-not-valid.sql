set lock_timeout = '5s';
alter table orders add constraint orders_customer_fkey foreign key (customer_id) references customers (id) not valid;
alter table orders validate constraint orders_customer_fkey;
