create table readings (
  id bigserial primary key,
  sensor text not null,
  value double precision not null,
  taken_at timestamptz not null default now(),
  updated_at timestamptz
);

create or replace view latest_readings as
  select distinct on (sensor) sensor, value, taken_at from readings order by sensor, taken_at desc;

create materialized view daily_averages as
  select sensor, date_trunc('day', taken_at) as day, avg(value) as average from readings group by 1, 2;

create or replace function set_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger readings_updated before update on readings for each row execute function set_updated_at();

create function reading_count(sensor_name text) returns bigint language sql stable as $$
  select count(*) from readings where sensor = sensor_name;
$$;

create or replace function reading_count(sensor_name text) returns bigint language sql stable as $$
  select count(*) from readings where sensor = sensor_name and value is not null;
$$;

create function sensors() returns setof text language sql as $$ select distinct sensor from readings $$;

comment on table readings is 'Raw sensor readings';
comment on column readings.value is 'In SI units';
