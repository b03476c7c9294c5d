create table posts (
  id bigserial primary key,
  author_id uuid not null references auth.users (id),
  title text not null,
  slug text not null,
  body text not null default '',
  tags text[] not null default array[]::text[],
  published boolean not null default false,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  unique (author_id, slug)
);

create table comments (
  id bigserial primary key,
  post_id bigint not null references posts (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null,
  body text not null check (length(body) between 1 and 5000),
  created_at timestamptz not null default now()
);

create index comments_post_id_idx on comments (post_id);
create index posts_published_at_idx on posts (published_at desc) where published;
