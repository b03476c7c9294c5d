set lock_timeout = '5s';
drop table if exists archived_orders, old_carts cascade;
