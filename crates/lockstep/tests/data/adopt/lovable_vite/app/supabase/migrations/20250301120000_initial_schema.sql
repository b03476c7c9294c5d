-- Invoices for freelancers. Written to be safe to run twice.
DO $$ BEGIN
  CREATE TYPE public.invoice_status AS ENUM ('draft', 'sent', 'paid', 'void');
EXCEPTION
  WHEN duplicate_object THEN null;
END $$;

CREATE TABLE IF NOT EXISTS public.clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  name text NOT NULL,
  email text,
  tier text NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'priority')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS public.invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES public.clients(id) ON DELETE CASCADE,
  owner_id uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  number text NOT NULL,
  status public.invoice_status NOT NULL DEFAULT 'draft',
  total_cents integer NOT NULL DEFAULT 0,
  due_date date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT invoices_owner_number_key UNIQUE (owner_id, number)
);

ALTER TABLE public.clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.invoices ENABLE ROW LEVEL SECURITY;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE policyname = 'Owners manage their clients') THEN
    CREATE POLICY "Owners manage their clients" ON public.clients
      FOR ALL USING (auth.uid() = owner_id) WITH CHECK (auth.uid() = owner_id);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE policyname = 'Owners manage their invoices') THEN
    CREATE POLICY "Owners manage their invoices" ON public.invoices
      FOR ALL USING (auth.uid() = owner_id) WITH CHECK (auth.uid() = owner_id);
  END IF;
END $$;

-- Search, with an optional limit; an older one-argument version is kept for old clients.
CREATE OR REPLACE FUNCTION public.search_invoices(query text, max_rows integer DEFAULT 20)
RETURNS SETOF public.invoices
LANGUAGE sql STABLE
AS $$
  SELECT * FROM public.invoices WHERE number ILIKE '%' || query || '%' LIMIT max_rows;
$$;

CREATE OR REPLACE FUNCTION public.search_invoices(query text)
RETURNS SETOF public.invoices
LANGUAGE sql STABLE
AS $$
  SELECT * FROM public.search_invoices(query, 20);
$$;

COMMENT ON FUNCTION public.search_invoices(text) IS 'Kept for clients built before max_rows existed';

INSERT INTO storage.buckets (id, name, public)
VALUES ('invoice-pdfs', 'invoice-pdfs', false)
ON CONFLICT (id) DO UPDATE SET allowed_mime_types = ARRAY['application/pdf'];
