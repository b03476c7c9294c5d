create table sales (id serial primary key, region text not null, amount numeric(10, 2) not null, sold_at date not null);
create view sales_by_region as select region, sum(amount) as total from sales group by region;
create or replace view sales_by_region as select region, sum(amount) as total, count(*) as n from sales group by region;
create view recent_sales as select * from sales where sold_at > current_date - 30;
drop view recent_sales;
create materialized view monthly_sales as select date_trunc('month', sold_at) as month, sum(amount) as total from sales group by 1;
