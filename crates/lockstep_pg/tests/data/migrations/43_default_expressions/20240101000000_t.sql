create table stamps (
  id uuid primary key default gen_random_uuid(),
  created_at timestamptz default current_timestamp,
  created_utc timestamp default timezone('utc', now()),
  created_on date default current_date,
  expires_at timestamptz default now() + interval '30 days',
  version integer default 1,
  negative integer default -1,
  ratio numeric default 0.5,
  label text default 'n/a',
  empty_label text default '',
  enabled boolean default true,
  owner uuid default auth.uid()
);
alter table stamps add column quoted_number numeric default '-1.5';
alter table stamps add column quoted_int integer;
alter table stamps alter column quoted_int set default '42';
