'use client'

import { useEffect, useState } from 'react'
import type { Order } from '@/lib/api/types'

/// The last orders, from the REST API rather than supabase-js (the account menu uses it).
export function RecentOrders() {
  const [orders, setOrders] = useState<Order[]>([])

  useEffect(() => {
    fetch('/api/orders')
      .then((res) => res.json())
      .then((json) => setOrders(json.data))
  }, [])

  return (
    <ol>
      {orders.map((o) => (
        <li key={o.id}>
          {o.status}: {(o.totalCents / 100).toFixed(2)}
        </li>
      ))}
    </ol>
  )
}
