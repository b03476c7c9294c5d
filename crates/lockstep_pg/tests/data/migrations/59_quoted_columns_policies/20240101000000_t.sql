create table "Projects" ("id" uuid primary key, "ownerId" uuid not null, "isPublic" boolean not null default false, "Title" text);
alter table "Projects" enable row level security;
create policy "Owner or public" on "Projects" for select using ("ownerId" = auth.uid() or "isPublic");
