create table settings (
  user_id uuid primary key,
  prefs jsonb not null default '{}'::jsonb,
  flags jsonb default '{"beta": false}',
  roles text[] default array['user'],
  scores integer[] not null default '{}',
  history json default '[]'
);
