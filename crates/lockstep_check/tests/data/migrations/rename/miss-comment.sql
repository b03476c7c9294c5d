-- alter table orders rename column total to amount;
select 'alter table orders rename to purchases';
