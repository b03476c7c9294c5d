create table customers (id uuid primary key default gen_random_uuid(), email text unique);
