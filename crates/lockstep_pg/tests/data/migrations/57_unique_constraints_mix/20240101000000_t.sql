create table slugs (
  id serial primary key,
  site_id integer not null,
  slug text not null,
  locale text not null default 'en',
  unique (site_id, slug, locale),
  constraint slugs_slug_not_empty check (slug <> '')
);
alter table slugs add unique (slug);
alter table slugs drop constraint slugs_site_id_slug_locale_key;
alter table slugs add constraint slugs_site_slug unique (site_id, slug);
