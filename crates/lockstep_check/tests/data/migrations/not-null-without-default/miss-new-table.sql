create table regions (id int);
alter table regions add column code text not null;
