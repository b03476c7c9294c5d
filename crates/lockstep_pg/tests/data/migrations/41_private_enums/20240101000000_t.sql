create schema billing;
create type billing.invoice_state as enum ('draft', 'open', 'paid', 'void');
create table billing.invoices (
  id uuid primary key default gen_random_uuid(),
  state billing.invoice_state not null default 'draft',
  amount_cents bigint not null,
  issued_on date
);
create table public.invoice_views (invoice_id uuid primary key references billing.invoices (id), viewed_at timestamptz default now());
