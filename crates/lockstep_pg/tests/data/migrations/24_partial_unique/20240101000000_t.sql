create table subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  plan text not null,
  active boolean not null default true,
  canceled_at timestamptz
);
create unique index one_active_subscription on subscriptions (user_id) where active;
create unique index subscriptions_user_plan_key on subscriptions (user_id, plan);
