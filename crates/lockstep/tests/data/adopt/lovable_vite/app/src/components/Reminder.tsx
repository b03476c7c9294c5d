import { supabase } from '@/integrations/supabase/client';

export async function remind(invoiceId: string) {
  const { data, error } = await supabase.functions.invoke('send-reminder', { body: { invoiceId } });
  if (error) throw error;
  return data.sent;
}

export async function invoiceActions() {
  const { data } = await supabase.functions.invoke('invoice-actions?action=list', { method: 'GET' });
  return data.actions;
}

export async function voidInvoice() {
  const { data } = await supabase.functions.invoke('invoice-actions?action=void', { method: 'POST' });
  return data.voided;
}
