-- An 8-digit version: the Supabase CLI applies it after 20250301120000 (file-name order).
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = 'invoices' AND column_name = 'notes'
  ) THEN
    ALTER TABLE public.invoices ADD COLUMN notes text;
  END IF;
END $$;

