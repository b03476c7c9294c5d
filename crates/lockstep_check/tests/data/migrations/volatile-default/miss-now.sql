set lock_timeout = '5s';
alter table orders add column created_at timestamptz not null default now();
