set lock_timeout = '5s';
alter table orders alter column total set default 0;
