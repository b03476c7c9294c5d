create table accounts (id uuid primary key, email text not null unique, org_id uuid not null, handle text not null, unique (handle, org_id));
