create table accounts (
  id uuid primary key,
  email text not null,
  handle text not null,
  balance integer not null default 0,
  constraint accounts_email_key unique (email),
  constraint positive_balance check (balance >= 0)
);

create table transfers (
  id uuid primary key,
  source uuid not null,
  target uuid not null,
  amount integer not null,
  check (amount > 0),
  check (source <> target)
);

alter table transfers add constraint transfers_source_fkey foreign key (source) references accounts (id) on delete cascade;
alter table transfers add foreign key (target) references accounts (id) on update cascade on delete set null;
alter table accounts add constraint accounts_handle_key unique (handle);
alter table accounts drop constraint positive_balance;
alter table accounts add constraint balance_limit check (balance < 1000000);
alter table transfers rename constraint transfers_amount_check to amount_positive;
