create type lead_stage as enum ('new', 'contacted', 'won', 'lost');
alter table leads add column stage lead_stage not null default 'new';
