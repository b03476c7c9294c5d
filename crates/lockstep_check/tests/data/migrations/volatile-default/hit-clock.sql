set lock_timeout = '5s';
alter table orders add column seen_at timestamptz not null default clock_timestamp();
