create table profiles (id uuid primary key, full_name text);
alter table profiles rename column full_name to display_name;
