create table "UserSettings" (
  "userId" uuid primary key,
  "darkMode" boolean default false,
  "Locale" text default 'en',
  plain_column integer
);

create table MixedCase (ID integer primary key, Name text);

alter table "UserSettings" add column "createdAt" timestamptz default now();
create index "UserSettings_locale_idx" on "UserSettings" ("Locale");
