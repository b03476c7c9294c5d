create table authors (id uuid primary key, name text not null, bio text, twitter text);
create table books (id uuid primary key, author_id uuid references authors (id), title text not null, isbn text unique);
create index books_title_idx on books (title);
create table temp_import (id int);
