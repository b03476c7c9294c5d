create table leads (id serial primary key, name text);
