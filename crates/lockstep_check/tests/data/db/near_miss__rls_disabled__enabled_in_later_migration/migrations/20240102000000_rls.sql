alter table notes enable row level security;
