alter table leads add column email text;
