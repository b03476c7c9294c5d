alter table authors drop column twitter;
alter table books drop column isbn;
drop table temp_import;
alter table books drop column title cascade;
drop table authors cascade;
