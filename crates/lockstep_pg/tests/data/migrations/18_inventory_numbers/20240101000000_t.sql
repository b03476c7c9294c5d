create table items (
  sku varchar(32) primary key,
  quantity smallint not null default 0,
  reorder_level integer default 10,
  units_sold bigint not null default 0,
  weight_kg real,
  volume double precision,
  unit_price numeric(12, 4) not null default 0,
  discount decimal(5, 2) default 0.00,
  ratio numeric,
  stocked_on date default current_date,
  restock_time time,
  lead_time interval default '3 days'
);
