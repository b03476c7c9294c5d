create table tokens (id int);
alter table tokens add column token uuid default gen_random_uuid();
