'use client'
import { useEffect, useState } from 'react'
import { supabase } from '@/lib/supabase'

export function RecentOrders() {
  const [orders, setOrders] = useState<any[]>([])

  useEffect(() => {
    supabase
      .from('orders')
      .select('id, status')
      .order('id')
      .then(({ data }) => setOrders(data ?? []))
  }, [])

  return (
    <ul>
      {orders.map((order) => (
        <li key={order.id}>
          {order.status}: {order.total_cents} ({order.notes})
        </li>
      ))}
    </ul>
  )
}
