import { Hono } from 'hono'

const products = new Hono().basePath('/shop')

products.get('/products/:id', async (c) => {
  const id = c.req.param('id')
  if (!id) return c.json({ code: 'missing', message: 'id' }, 404)
  return c.json({ id, name: 'Tea', priceCents: 450 })
})

export default products
