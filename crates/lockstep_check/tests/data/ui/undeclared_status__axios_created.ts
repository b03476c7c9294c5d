import axios from 'axios'

export async function createOrder(customerId: string, totalCents: number) {
  const res = await axios.post('/api/orders', { customerId, totalCents })
  if (res.status !== 200) {
    throw new Error('order not created')
  }
  return res.data
}
