create table customers (id uuid primary key, name text not null, email text);
create table orders (id uuid primary key, customer_id uuid references customers (id), total numeric(10, 2), created_at timestamptz default now());

create view customer_orders as
  select c.*, o.id as order_id, o.total, count(*) over (partition by c.id) as order_count
  from customers c join orders o on o.customer_id = c.id;

create view order_summary (customer, spent) as
  select customer_id, sum(total) from orders group by customer_id;

create view recent as
  select o.*, now() - o.created_at as age, c.email::varchar, upper(c.name), 1 + 1
  from orders o join customers c on c.id = o.customer_id;

create view names as
  select name from customers
  union all
  select email from customers;

create materialized view totals as select customer_id, sum(total) as total from orders group by 1;
create view nested as select * from totals;
