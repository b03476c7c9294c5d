create table codes (
  code char(6) primary key,
  country character(2) not null,
  region varchar,
  label character varying(64),
  short bpchar(3),
  description text
);
