export async function remove(id: string) {
  // 204: no body is declared, so nothing is known about what is read.
  const res = await fetch(`/api/orders/${id}`, { method: 'DELETE' })
  const text = await res.text()
  return text.length
}

export async function reused() {
  let json = await fetch('/api/customers').then((r) => r.json())
  json = await fetch('/api/orders').then((r) => r.json())
  return json.data
}
