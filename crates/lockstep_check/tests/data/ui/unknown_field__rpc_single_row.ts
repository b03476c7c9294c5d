import { supabase } from '@/lib/supabase'

// `.maybeSingle()` after an rpc of a set-returning function: `data` is one row.
export async function first(query: string) {
  const { data: order } = await supabase.rpc('search_orders', { query }).maybeSingle()
  return [order?.status, order?.total_amount]
}
