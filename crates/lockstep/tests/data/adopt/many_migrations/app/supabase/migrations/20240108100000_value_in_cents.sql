alter table deals rename column amount to value_cents;
alter table deals alter column value_cents type bigint using (value_cents * 100)::bigint;
update deals set value_cents = 0 where value_cents is null;
alter table deals alter column value_cents set not null;
alter table deals alter column value_cents set default 0;
