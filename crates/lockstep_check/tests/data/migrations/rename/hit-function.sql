set lock_timeout = '5s';
alter function public.order_total(integer) rename to order_sum;
