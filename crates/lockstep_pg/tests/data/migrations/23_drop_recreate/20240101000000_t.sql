create table sessions (id text primary key, user_id uuid, data json);
create index sessions_user_idx on sessions (user_id);
