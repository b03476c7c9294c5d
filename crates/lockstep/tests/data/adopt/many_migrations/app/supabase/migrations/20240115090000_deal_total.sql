create function deal_total(contact uuid) returns bigint
language sql stable as $$
  select coalesce(sum(value_cents), 0) from deals where contact_id = contact and stage = 'closed_won';
$$;
