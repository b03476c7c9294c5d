create table rooms (id serial primary key, name text not null unique, capacity smallint not null check (capacity > 0));

create table bookings (
  id uuid primary key default gen_random_uuid(),
  room_id integer not null references rooms (id),
  guest_email text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  guests smallint not null default 1,
  constraint bookings_time_order check (ends_at > starts_at),
  constraint bookings_guests check (guests between 1 and 20)
);

create index bookings_room_time_idx on bookings (room_id, starts_at);
