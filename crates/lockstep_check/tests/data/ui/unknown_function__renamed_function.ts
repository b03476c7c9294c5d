'use server'
import { createClient } from '@/lib/supabase/server'

export async function totalFor(orderId: string) {
  const db = createClient()
  const { data, error } = await db.rpc('calculate_order_total', { order_id: orderId })
  if (error) throw error
  return data
}
