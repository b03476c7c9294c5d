create table accounts (id uuid primary key, email text not null, org_id uuid not null, handle text not null);
create index accounts_email_idx on accounts (email);
