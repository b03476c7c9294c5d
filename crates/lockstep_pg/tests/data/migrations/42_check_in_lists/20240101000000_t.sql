create table shipments (
  id uuid primary key,
  carrier text not null check (carrier in ('ups', 'dhl', 'fedex')),
  status text not null default 'created' check (status = any (array['created', 'in_transit', 'delivered'])),
  weight_grams integer check (weight_grams > 0 and weight_grams < 100000),
  notes text check (notes is null or length(notes) < 500)
);
