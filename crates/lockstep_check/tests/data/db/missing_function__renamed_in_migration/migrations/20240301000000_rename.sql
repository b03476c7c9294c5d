-- An AI edit "tidied" the name; three screens still call the old one.
alter function public.order_total(uuid) rename to compute_order_total;
