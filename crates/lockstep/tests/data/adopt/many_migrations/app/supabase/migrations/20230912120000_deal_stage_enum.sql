create type deal_stage as enum ('lead', 'qualified', 'won', 'lost');
alter table deals alter column stage drop default;
alter table deals alter column stage type deal_stage using stage::deal_stage;
alter table deals alter column stage set default 'lead';
