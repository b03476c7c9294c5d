create table regions (code text);
alter table regions alter column code set not null;
