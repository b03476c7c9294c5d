create table categories (
  id uuid primary key default gen_random_uuid(),
  parent_id uuid references categories (id) on delete cascade,
  name text not null,
  position integer not null default 0,
  unique (parent_id, name)
);

create table employees (
  id serial primary key,
  manager_id integer references employees,
  mentor_id integer,
  name text not null
);
alter table employees add constraint employees_mentor_fk foreign key (mentor_id) references employees (id) on delete set null;
