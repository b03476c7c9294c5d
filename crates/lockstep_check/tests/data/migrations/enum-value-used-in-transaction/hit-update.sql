alter type order_status add value 'refunded';
update orders set status = 'refunded' where refunded_at is not null;
