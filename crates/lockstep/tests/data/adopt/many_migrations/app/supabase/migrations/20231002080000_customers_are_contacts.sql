-- Customers became contacts when the sales team started tracking leads too.
alter table customers rename to contacts;
alter table deals rename column customer_id to contact_id;
