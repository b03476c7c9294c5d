set local lock_timeout = '5s';
alter table orders add column note text;
