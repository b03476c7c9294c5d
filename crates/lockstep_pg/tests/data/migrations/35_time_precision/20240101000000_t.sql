create table clock (
  id serial primary key,
  at_ms timestamptz(3) not null default now(),
  local_ts timestamp(0),
  wall time(2),
  wall_tz timetz,
  day date not null default current_date,
  span interval
);
