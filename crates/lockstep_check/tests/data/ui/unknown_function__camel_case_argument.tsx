import { supabase } from '@/lib/supabase'

export async function OrderTotal({ id }: { id: string }) {
  const { data: total } = await supabase.rpc('order_total', { orderId: id })
  return <span>{total}</span>
}
