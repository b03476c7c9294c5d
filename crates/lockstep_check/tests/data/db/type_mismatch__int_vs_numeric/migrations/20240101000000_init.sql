create table invoices (id uuid primary key, amount integer not null, code varchar(20) not null);
