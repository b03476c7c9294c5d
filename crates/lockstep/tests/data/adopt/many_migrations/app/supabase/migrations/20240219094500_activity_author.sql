alter table activities add column created_by uuid references auth.users (id) on delete set null;
alter table activities add column legacy_ref text;
