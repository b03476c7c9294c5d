import { supabase } from '@/lib/supabase'

export async function load() {
  const { data } = await supabase.from('order').select('id, total_cents')
  return data
}
