import { supabase } from '@/lib/supabase'

export const rows = supabase
  .from('orders')
  .select('id, total:total_cents, status::text, note->>text, customer:customer_id(full_name), count()')
  .eq('customer_id', 'x')
  .order('total_cents')
