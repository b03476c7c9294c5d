-- Notes are replaced by a general activity log.
drop index notes_deal_id_idx;
drop table notes;

create table activities (
  id bigint generated always as identity primary key,
  deal_id uuid not null references deals (id) on delete cascade,
  kind text not null check (kind in ('call', 'email', 'meeting', 'note')),
  body text,
  happened_at timestamptz not null default now()
);
