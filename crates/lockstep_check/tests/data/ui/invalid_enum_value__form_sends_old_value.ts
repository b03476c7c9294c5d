import { supabase } from '@/lib/supabase'

export async function place(customer: string) {
  await supabase.from('orders').insert({ customer_id: customer, total_cents: 100, status: 'new' })
}
