set lock_timeout = '5s';
alter table orders add column token uuid default gen_random_uuid();
