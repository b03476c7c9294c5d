set lock_timeout = '5s';
alter table orders rename constraint orders_pkey to orders_primary;
