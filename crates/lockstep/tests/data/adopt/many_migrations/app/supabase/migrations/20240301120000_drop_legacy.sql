alter table activities drop column if exists legacy_ref;
drop index if exists notes_deal_id_idx;
create index activities_deal_id_idx on activities (deal_id, happened_at desc);
