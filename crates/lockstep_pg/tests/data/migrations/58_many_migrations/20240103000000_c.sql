alter table leads add column source text default 'web';
alter table leads rename column name to full_name;
