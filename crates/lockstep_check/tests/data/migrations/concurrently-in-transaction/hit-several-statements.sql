set lock_timeout = '5s';
alter table orders add column note text;
drop index concurrently orders_old_idx;
