create table notes (
  id bigint generated always as identity primary key,
  body varchar(500) not null,
  tags varchar[] not null default '{}',
  constraint notes_body_not_blank check (length(trim(body)) > 0)
);
comment on table notes is 'Short notes';
comment on column notes.body is 'The text';

create function public.tag_count(tags varchar[]) returns integer language sql immutable as $$ select coalesce(array_length(tags, 1), 0) $$;
COMMENT ON FUNCTION public.tag_count(varchar[]) IS 'How many tags a note has';
COMMENT ON CONSTRAINT notes_body_not_blank ON public.notes IS 'No empty notes';
comment on schema public is 'standard public schema';
alter table notes enable row level security;
create policy "notes are public" on notes for select using (true);
comment on policy "notes are public" on notes is 'Anyone may read';
