-- Arguments get a prefix so they never shadow a column.
drop function deal_total(uuid);
create function deal_total(p_contact_id uuid) returns bigint
language sql stable as $$
  select coalesce(sum(value_cents), 0) from deals where contact_id = p_contact_id and stage = 'closed_won';
$$;
