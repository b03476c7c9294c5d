alter table contacts rename column company to company_name;
update contacts set email = concat(id::text, '@unknown.invalid') where email is null;
alter table contacts alter column email set not null;
alter table contacts add constraint contacts_email_key unique (email);
