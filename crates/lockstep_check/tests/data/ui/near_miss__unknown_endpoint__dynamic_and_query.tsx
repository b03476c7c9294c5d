import axios from 'axios'

export async function remove(id: string) {
  await fetch('/api/orders/' + id, { method: 'DELETE' })
  await fetch(`/api/orders?limit=${20}`)
  await axios({ method: 'post', url: '/api/orders' })
}
