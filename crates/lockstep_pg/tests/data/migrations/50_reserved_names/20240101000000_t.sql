create table "user" (id uuid primary key, "name" text, "order" integer);
create table "order" (id uuid primary key, "user" uuid references "user" (id), "group" text, "desc" text);
create index on "order" ("group");
