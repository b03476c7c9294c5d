create table tasks (id uuid primary key, title text, note text not null default '');
