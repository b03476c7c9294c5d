create type status as enum ('draft', 'live');
create table pages (id serial primary key, status status not null default 'draft', previous status[]);
