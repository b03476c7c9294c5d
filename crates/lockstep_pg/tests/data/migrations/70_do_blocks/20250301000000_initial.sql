-- The idempotent idioms AI assistants write: every statement guarded so the file can run twice.
DO $$ BEGIN
  CREATE TYPE invoice_status AS ENUM ('draft', 'sent', 'paid');
EXCEPTION
  WHEN duplicate_object THEN null;
END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'client_tier') THEN
    CREATE TYPE public.client_tier AS ENUM ('free', 'pro');
  END IF;
END
$$;

CREATE TABLE IF NOT EXISTS clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  tier client_tier NOT NULL DEFAULT 'free'
);

CREATE TABLE IF NOT EXISTS invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid REFERENCES clients(id) ON DELETE CASCADE,
  status invoice_status NOT NULL DEFAULT 'draft',
  total numeric(10,2) NOT NULL DEFAULT 0
);
