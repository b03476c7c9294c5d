set lock_timeout = '5s';
alter table orders add column region text not null;
