export async function load(id: string) {
  const res = await fetch(`/api/customers/${id}`)
  if (res.status === 404) return null
  if (!res.ok) throw new Error('failed')
  const removed = await fetch(`/api/orders/${id}`, { method: 'DELETE' })
  return removed.status === 204 ? 'gone' : res.json()
}
