set lock_timeout = '5s';
alter table orders rename column total to amount;
