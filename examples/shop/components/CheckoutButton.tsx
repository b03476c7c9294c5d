'use client'

import { useState } from 'react'

type CartItem = { productId: string; quantity: number }

export function CheckoutButton({ items }: { items: CartItem[] }) {
  const [busy, setBusy] = useState(false)

  async function checkout() {
    setBusy(true)
    const res = await fetch('/api/checkout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items }),
    })
    setBusy(false)
    if (!res.ok) return alert('Checkout failed')
    const { url } = await res.json()
    window.location.assign(url)
  }

  return <button disabled={busy} onClick={checkout}>Checkout</button>
}

export async function cancelOrder(id: string) {
  const res = await fetch(`/api/orders/${id}`, { method: 'DELETE' })
  return res.status === 204
}

export async function loadProducts(cursor?: string) {
  const res = await fetch('/api/products' + (cursor ? `?cursor=${cursor}` : ''))
  return res.json()
}
