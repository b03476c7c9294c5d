create table owners (id uuid primary key default gen_random_uuid(), email text not null unique);
alter table todos add column owner_id uuid references owners (id) on delete cascade;
