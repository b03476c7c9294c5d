alter table metrics alter column id type bigint;
alter table metrics alter column name type varchar(120);
alter table metrics alter column value type numeric(14, 3);
alter table metrics alter column label type text;
alter table metrics alter column note set data type varchar(255);
alter table metrics alter column flag type boolean using flag <> 0;
