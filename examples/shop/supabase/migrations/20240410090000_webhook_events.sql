-- Stripe retries deliveries: remember the ones already processed.
create table public.webhook_events (
  id text primary key,
  received_at timestamptz not null default now()
);

-- No policies: only the service role (which bypasses row-level security) reads or writes it.
alter table public.webhook_events enable row level security;
