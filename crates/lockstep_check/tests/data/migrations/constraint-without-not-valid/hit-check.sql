set lock_timeout = '5s';
alter table orders add check (total >= 0);
