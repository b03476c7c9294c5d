create table items (id serial primary key, name text, updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$;
create function touch_v2() returns trigger language plpgsql as $$ begin new.updated_at = clock_timestamp(); return new; end $$;
create trigger items_touch before update on items for each row execute function touch();
drop trigger if exists items_touch on items;
create trigger items_touch before update on items for each row execute function touch_v2();
create trigger items_touch_insert before insert on items for each row execute function touch();
