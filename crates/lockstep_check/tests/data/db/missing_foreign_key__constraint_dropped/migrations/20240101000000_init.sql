create table authors (id uuid primary key);
create table books (id uuid primary key, author_id uuid not null references authors (id), owner_id uuid not null references auth.users (id));
alter table books drop constraint books_owner_id_fkey;
