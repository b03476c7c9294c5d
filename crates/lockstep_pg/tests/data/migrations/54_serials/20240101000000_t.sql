create table counters (
  id bigserial primary key,
  small smallserial,
  regular serial,
  named serial4,
  big serial8 not null
);
