import { supabase } from '@/lib/supabase'

export async function listOrders(status?: string, customer?: string) {
  let query = supabase.from('orders').select('id, status')
  if (status) query = query.eq('state', status)
  if (customer) {
    query = query.eq('customer_id', customer)
  }
  const { data } = await query.order('placed_at')
  return data
}
