alter table bills add column paid boolean not null default false;
alter table bills rename column amount to total;
