create table drafts (total int);
alter table drafts alter column total type bigint;
