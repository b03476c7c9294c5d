create table announcements (id uuid primary key default gen_random_uuid(), body text not null, audience text not null default 'all');
alter table announcements enable row level security;
create policy "everyone reads" on announcements for select to anon, authenticated, service_role using (true);
create policy "service writes" on announcements for all to service_role using (true) with check (true);
create policy "authenticated reads member posts" on announcements for select to authenticated using (audience in ('all', 'members'));
