set lock_timeout = '5s';
alter table orders drop constraint orders_total_check;
