set lock_timeout = '5s';
alter table orders add constraint orders_ref_key unique using index orders_ref_idx;
