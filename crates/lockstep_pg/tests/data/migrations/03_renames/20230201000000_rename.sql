alter table customers rename column customername to full_name;
alter table customers rename column created to created_at;
alter table invoices rename column customer to customer_id;
alter table invoices rename to bills;
alter table customers rename to clients;
