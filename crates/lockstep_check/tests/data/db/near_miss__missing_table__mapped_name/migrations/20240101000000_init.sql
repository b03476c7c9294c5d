create table customers (id uuid primary key default gen_random_uuid(), email text not null unique);
alter table customers rename to clients;
