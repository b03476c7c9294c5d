-- Comments were added later from the Supabase dashboard, in its snake_case style.
create table public.comments (
  id uuid primary key default gen_random_uuid(),
  post_id text not null references "Post" ("id") on delete cascade,
  author_id text references "User" ("id") on delete set null,
  body text not null,
  created_at timestamptz not null default now()
);
