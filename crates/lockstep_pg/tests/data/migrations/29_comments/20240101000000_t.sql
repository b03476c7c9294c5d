create table products (id uuid primary key, name text not null, price integer);
comment on table products is 'Everything we sell';
comment on column products.name is 'Shown to customers';
comment on column products.price is 'In cents';
comment on column public.products.price is 'In euro cents';
comment on table products is null;
