import { supabase } from '@/integrations/supabase/client';

export async function priorityClients() {
  const { data } = await supabase.from('clients').select('id, name, email').eq('tier', 'priority');
  return data ?? [];
}

export async function addClient(ownerId: string, name: string) {
  return supabase.from('clients').insert({ owner_id: ownerId, name, tier: 'standard' });
}

export async function uploadInvoicePdf(path: string, file: File) {
  return supabase.storage.from('invoice-pdfs').upload(path, file);
}

export async function uploadLogo(path: string, file: File) {
  return supabase.storage.from('client-logos').upload(path, file);
}

export async function recentActivity() {
  const { data } = await supabase
    .from('activity_log')
    .select('id, action, created_at')
    .order('created_at', { ascending: false })
    .limit(20);
  return data;
}
