create table a (id int primary key);
create table b (id int primary key);
create table c (id int primary key);
alter table a enable row level security;
alter table b enable row level security;
alter table b disable row level security;
alter table c enable row level security;
alter table c force row level security;
alter table c no force row level security;
