'use client'
import axios from 'axios'

export async function load() {
  const res = await fetch('/api/orders')
  const json = await res.json()
  const totals = json.data.map((o: any) => o.totalCents)
  const customers = await fetch('/api/customers').then((r) => r.json())
  const names = customers.map((c: any) => c.fullName)
  const { data } = await axios.get('/api/customers')
  return [totals, json.data.length, names, data[0].email]
}

export async function patch(id: string) {
  const res = await fetch(`/api/orders/${id}`, { method: 'PATCH', body: JSON.stringify({ status: 'paid' }) })
  const body = await res.json()
  if (res.status === 409) throw new Error(body.error)
  return [body.order.status, body.warnings.join(', ')]
}
