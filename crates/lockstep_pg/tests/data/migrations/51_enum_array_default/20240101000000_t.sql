create type weekday as enum ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
create table schedules (
  id serial primary key,
  days weekday[] not null default '{mon,tue,wed,thu,fri}',
  start_day weekday default 'mon'::weekday
);
