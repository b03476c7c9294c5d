import { createClient } from '@/utils/supabase/server'

// Ordering an embedded table by its own column, as supabase-js documents it.
export async function getProducts() {
  const supabase = createClient()
  const { data } = await supabase
    .from('customers')
    .select('id, orders(id, total_cents)')
    .order('full_name')
    .order('total_cents', { referencedTable: 'orders' })
    .order('total_cents', { foreignTable: 'orders', ascending: false })
  return data
}
