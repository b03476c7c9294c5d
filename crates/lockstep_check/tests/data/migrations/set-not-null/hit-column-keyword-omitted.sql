set lock_timeout = '5s';
alter table orders alter region set not null, alter note drop not null;
