set lock_timeout = '5s';
alter table orders alter column region drop not null;
