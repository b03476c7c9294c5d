-- Run twice on purpose: the second run must change nothing.
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = 'invoices' AND column_name = 'due_date'
  ) THEN
    ALTER TABLE public.invoices ADD COLUMN due_date date;
  END IF;

  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'invoices_total_positive') THEN
    ALTER TABLE invoices ADD CONSTRAINT invoices_total_positive CHECK (total >= 0);
  END IF;

  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'clients' AND column_name = 'name') THEN
    ALTER TABLE clients RENAME COLUMN name TO display_name;
  END IF;
END $$;

DO $$
DECLARE
  counter integer := 0;
BEGIN
  counter := counter + 1;
  RAISE NOTICE 'counter %', counter;
  EXECUTE 'CREATE INDEX IF NOT EXISTS invoices_status_idx ON public.invoices (status)';
  PERFORM 1;
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE policyname = 'clients are readable') THEN
    ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
    CREATE POLICY "clients are readable" ON clients FOR SELECT USING (true);
  END IF;
END $$;

DO $$ BEGIN
  ALTER TYPE invoice_status ADD VALUE IF NOT EXISTS 'void';
EXCEPTION WHEN others THEN null;
END $$;

DO $$
BEGIN
  CREATE TYPE invoice_status AS ENUM ('other');
EXCEPTION
  WHEN duplicate_object THEN RAISE NOTICE 'exists';
END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'invoices' AND column_name = 'due_date') THEN
    ALTER TABLE public.invoices ADD COLUMN due_date timestamptz;
  ELSE
    ALTER TABLE public.invoices ALTER COLUMN due_date SET NOT NULL;
  END IF;
END $$;

DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'nothing_here' LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r.tablename);
  END LOOP;
END $$;

DO $$
BEGIN
  -- A comment first, as assistants write them.
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'reminder_kind') THEN
    /* the kinds of reminders */
    CREATE TYPE reminder_kind AS ENUM ('email', 'sms');
  END IF;
  -- and after the block
END $$;

DO $$ BEGIN
  -- the channel of each client
  ALTER TABLE clients ADD COLUMN IF NOT EXISTS channel reminder_kind;
EXCEPTION WHEN duplicate_column THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS function_logs (id bigint generated always as identity primary key, message text);
DO $$
BEGIN
  -- A condition with more than a name: its result is not known, so the guarded DDL is applied.
  IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'function_logs' AND rowsecurity = true) THEN
    ALTER TABLE function_logs ENABLE ROW LEVEL SECURITY;
  END IF;
END $$;
