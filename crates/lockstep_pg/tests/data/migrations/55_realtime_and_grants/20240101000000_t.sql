create table presence (user_id uuid primary key, online boolean not null default false, last_seen timestamptz);
grant select on presence to anon;
grant select, insert, update on presence to authenticated;
revoke delete on presence from anon;
alter publication supabase_realtime add table presence;
begin;
alter table presence add column status text;
commit;
