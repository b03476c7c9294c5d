create table t (id int);
create index orders_customer_id_created_at_status_region_partial_lookup_ix_a on t (id);
