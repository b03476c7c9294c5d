create table tasks (id uuid, title text);
alter table tasks alter column title set not null;
alter table tasks add primary key (id);
