create table notes (id uuid primary key, user_id uuid not null references auth.users (id));
create table storage.extra_things (id int);
