-- Credits are negative prices now; the contract was not told.
alter table public.products drop constraint products_price_cents_check;
