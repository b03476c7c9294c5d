-- The same bucket, inserted again by a later migration.
INSERT INTO storage.buckets (id, name, public)
VALUES ('invoice-pdfs', 'invoice-pdfs', false)
ON CONFLICT (id) DO NOTHING;

CREATE POLICY "Owners read their invoice PDFs" ON storage.objects
  FOR SELECT USING (bucket_id = 'invoice-pdfs' AND auth.uid()::text = (storage.foldername(name))[1]);

CREATE POLICY "Owners upload logos" ON storage.objects
  FOR INSERT WITH CHECK (bucket_id = 'client-logos' AND auth.uid() IS NOT NULL);
