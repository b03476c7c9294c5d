'use client'

// Every key of the chain is missing from the response: still drift, at each read.
export async function firstOrders() {
  const res = await fetch('/api/orders')
  const json = await res.json()
  return json.items || json.orders || []
}
