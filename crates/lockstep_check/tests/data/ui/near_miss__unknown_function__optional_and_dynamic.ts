import { supabase } from '@/lib/supabase'

export async function search(query: string, fn: string, args: Record<string, unknown>) {
  const a = await supabase.rpc('search_orders', { query })
  const b = await supabase.rpc('order_total', args)
  const c = await supabase.rpc(fn)
  const d = await supabase.rpc('search_orders', { query, max_rows: 5 }).select('id')
  return [a, b, c, d]
}
