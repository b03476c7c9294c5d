set lock_timeout = '5s';
alter table orders alter column total type numeric(12, 2);
