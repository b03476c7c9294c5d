import axios from 'axios'

export async function all(id: string) {
  await fetch('/api/orders')
  await fetch('/api/orders', { method: 'POST', body: '{}' })
  await axios.delete(`/api/orders/${id}`)
}
