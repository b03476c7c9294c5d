'use client'

import { useEffect, useState } from 'react'
import { createClient } from '@/lib/supabase/client'

type OrderRow = {
  id: string
  status: string
  total_cents: number
  created_at: string
  order_items: { quantity: number; unit_cents: number; product: { name: string } | null }[]
}

export default function OrdersPage() {
  const [orders, setOrders] = useState<OrderRow[]>([])
  const supabase = createClient()

  useEffect(() => {
    supabase
      .from('orders')
      .select(`
        id, status, total_cents, created_at,
        order_items ( quantity, unit_cents, product:products ( name ) )
      `)
      .in('status', ['paid', 'shipped', 'delivered'])
      .order('created_at', { ascending: false })
      .then(({ data }) => setOrders((data as OrderRow[]) ?? []))
  }, [supabase])

  async function itemCount(id: string) {
    const { data } = await supabase.rpc('order_item_count', { order_id: id })
    return data ?? 0
  }

  async function cancel(id: string) {
    await supabase.from('orders').update({ status: 'cancelled', updated_at: new Date().toISOString() }).eq('id', id).eq('status', 'pending')
  }

  return (
    <ul>
      {orders.map((order) => (
        <li key={order.id}>
          {order.status} — {(order.total_cents / 100).toFixed(2)}
          <button onClick={() => cancel(order.id)}>Cancel</button>
          <button onClick={() => itemCount(order.id).then(alert)}>Items</button>
        </li>
      ))}
    </ul>
  )
}
