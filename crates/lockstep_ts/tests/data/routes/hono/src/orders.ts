import { Hono } from 'hono'

export const orders = new Hono()

orders.get('/orders', async (c) => {
  const rows = [{ id: '1' }]
  return c.json({ data: rows, nextCursor: null })
})

orders.post('/orders', async (c) => {
  const { customerId, totalCents } = await c.req.json()
  return c.json({ id: crypto.randomUUID(), customerId, totalCents }, 201)
})

orders.delete('/orders/:id', (c) => c.body(null, 204))
