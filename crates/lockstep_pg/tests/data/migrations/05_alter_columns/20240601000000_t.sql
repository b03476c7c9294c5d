create table events (
  id bigserial primary key,
  name varchar(100),
  starts_at timestamp,
  seats int,
  price float,
  meta json
);
