create table metrics (id int primary key, name text, value int, label varchar(20), note varchar(10), flag smallint);
