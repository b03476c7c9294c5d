drop table b cascade;
