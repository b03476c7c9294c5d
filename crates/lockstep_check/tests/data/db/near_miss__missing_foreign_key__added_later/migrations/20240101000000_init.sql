create table authors (id uuid primary key);
create table books (id uuid primary key, author_id uuid not null);
alter table books add constraint fk_author foreign key (author_id) references authors on delete cascade;
