create table vendors (id serial primary key, name text, phone text, email text, fax text);
alter table vendors
  add column website text,
  add column rating smallint default 3,
  alter column name set not null,
  drop column fax,
  add constraint vendors_rating_range check (rating between 1 and 5),
  add constraint vendors_email_key unique (email);
alter table vendors rename column phone to phone_number;
