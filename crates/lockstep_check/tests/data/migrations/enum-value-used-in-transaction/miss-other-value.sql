alter type order_status add value 'refunded';
update orders set status = 'cancelled' where cancelled_at is not null;
