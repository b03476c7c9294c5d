alter table orders rename column total to amount;
set lock_timeout = '5s';
