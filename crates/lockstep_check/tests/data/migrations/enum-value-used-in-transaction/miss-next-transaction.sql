begin;
alter type order_status add value 'refunded';
commit;
update orders set status = 'refunded' where refunded_at is not null;
