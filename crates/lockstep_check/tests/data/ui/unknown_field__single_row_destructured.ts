'use server'
import { createServerClient } from '@/lib/supabase/server'

export async function orderSummary(id: string) {
  const supabase = createServerClient()
  const { data: order, error } = await supabase
    .from('orders')
    .select('id, status, customer:customers(full_name)')
    .eq('id', id)
    .single()
  if (error) throw error
  const { status, note } = order
  return `${order.customer.fullname} — ${status} ${note}`
}
