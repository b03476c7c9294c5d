alter table leads alter column email set not null;
create unique index leads_email_idx on leads (email);
