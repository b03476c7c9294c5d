create table users (
  id uuid primary key,
  username text not null,
  email text not null,
  created_at timestamptz not null default now()
);
create unique index users_username_lower_idx on users (lower(username));
create unique index users_email_key on users (lower(email));
create index users_created_day_idx on users (date_trunc('day', created_at at time zone 'UTC'));
