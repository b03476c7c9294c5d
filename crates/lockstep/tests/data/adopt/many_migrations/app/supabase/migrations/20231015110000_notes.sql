create table notes (
  id bigint generated always as identity primary key,
  deal_id uuid not null references deals (id) on delete cascade,
  body text not null,
  created_at timestamptz not null default now()
);
create index notes_deal_id_idx on notes (deal_id);
