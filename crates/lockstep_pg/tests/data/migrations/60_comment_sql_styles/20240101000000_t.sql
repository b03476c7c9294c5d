/* A block comment; with a semicolon */
create table notes (
  id serial primary key, -- the key; with a semicolon
  body text not null default 'it''s; fine', /* nested /* comment */ still; */
  tag text default E'tab\there'
);
-- trailing comment ;
create function say() returns text language plpgsql as $body$
begin
  return 'a;b';
end;
$body$;
