create table t (id int);
create index orders_customer_id_created_at_status_region_partial_lookup_btree_idx on t (id);
