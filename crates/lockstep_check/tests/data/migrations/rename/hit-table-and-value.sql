set lock_timeout = '5s';
alter table orders rename to purchases;
alter type order_status rename value 'sent' to 'shipped';
