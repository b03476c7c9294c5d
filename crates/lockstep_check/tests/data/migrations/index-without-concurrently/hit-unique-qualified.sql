set lock_timeout = '5s';
create unique index if not exists orders_ref_key on public.orders using btree (ref);
