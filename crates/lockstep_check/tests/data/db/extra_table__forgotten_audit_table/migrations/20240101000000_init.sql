create table notes (id uuid primary key, body text);
create table audit_log (id bigserial primary key, payload jsonb);
