set lock_timeout = '5s';
alter table orders add column note text, add column "Region" varchar(20) NOT NULL;
