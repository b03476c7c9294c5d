import { supabase } from '@/integrations/supabase/client';

export async function remind(invoiceId: string) {
  const { data, error } = await supabase.functions.invoke('send-reminder', { body: { invoiceId } });
  if (error) throw error;
  return data.sent;
}
