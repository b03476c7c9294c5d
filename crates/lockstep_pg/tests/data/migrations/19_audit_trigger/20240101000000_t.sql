create table audit_log (
  id bigserial primary key,
  table_name text not null,
  operation text not null,
  row_data jsonb,
  changed_at timestamptz not null default now(),
  changed_by uuid default auth.uid()
);

create or replace function audit() returns trigger language plpgsql security definer as $$
begin
  insert into audit_log (table_name, operation, row_data) values (tg_table_name, tg_op, to_jsonb(coalesce(new, old)));
  return coalesce(new, old);
end;
$$;

create table accounts (id uuid primary key, balance integer not null default 0);
create table payments (id uuid primary key, account_id uuid references accounts (id), amount integer not null);

create trigger accounts_audit after insert or update or delete on accounts for each row execute function audit();
create trigger payments_audit after insert or update or delete on payments for each row execute function audit();
