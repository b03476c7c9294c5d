create table scratch (id int);
drop table scratch;
