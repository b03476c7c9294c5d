import axios from 'axios'

async function api(path: string, init?: RequestInit) {
  const res = await fetch(`/api${path}`, { ...init, headers: { 'content-type': 'application/json' } })
  if (!res.ok) throw new Error(`request failed: ${res.status}`)
  return res.json()
}

export async function orderIds() {
  const body = await api('/orders')
  return body.filter((o: { id: string }) => o.id)
}

export async function customerNames() {
  const res = await axios.get('/api/customers')
  return res.data.items
}
