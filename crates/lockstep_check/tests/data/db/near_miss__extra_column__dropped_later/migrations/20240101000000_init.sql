create table products (id uuid primary key, name text not null, legacy_code text);
alter table products drop column legacy_code;
