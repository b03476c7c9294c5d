set lock_timeout = '5s';
alter table orders drop column legacy_total;
