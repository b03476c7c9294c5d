create type "Priority" as enum ('Low', 'Medium', 'HIGH', 'needs review');
create table issues (id serial primary key, priority "Priority" not null default 'Medium', title text);
alter type "Priority" add value 'Critical' before 'Low';
