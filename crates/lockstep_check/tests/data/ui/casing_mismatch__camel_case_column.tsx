import { supabase } from '@/lib/supabase'

export function OrderList() {
  return supabase.from('orders').select('id, customerId, totalCents').eq('customerId', 'x')
}
