alter table contacts drop column phone;
alter table contacts add column phone_number text;
