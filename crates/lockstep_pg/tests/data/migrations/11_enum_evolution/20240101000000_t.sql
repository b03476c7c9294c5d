create type ticket_state as enum ('open', 'closed');

create table tickets (
  id uuid primary key default gen_random_uuid(),
  state ticket_state not null default 'open',
  history ticket_state[] not null default '{}'
);
