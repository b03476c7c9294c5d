alter type order_status add value if not exists 'draft' before 'pending';
create table carts (status order_status default 'draft');
