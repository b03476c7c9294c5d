set lock_timeout = '5s';
alter table orders add column seq bigint not null generated always as identity;
