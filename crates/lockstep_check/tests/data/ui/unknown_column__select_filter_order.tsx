'use client'
import { createClient } from '@/lib/supabase/client'

export function useOrders() {
  const supabase = createClient()
  return supabase
    .from('orders')
    .select('id, total, status')
    .eq('state', 'paid')
    .order('created', { ascending: false })
}
