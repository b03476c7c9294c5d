create table notes (id int);
alter table notes add column body text;
