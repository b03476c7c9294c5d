import Router from '@koa/router'

const router = new Router({ prefix: '/api' })

router.get('/orders', async (ctx) => {
  ctx.body = { data: [] }
})

router.post('/orders', async (ctx) => {
  const { customerId, totalCents } = ctx.request.body as { customerId: string; totalCents: number }
  ctx.status = 201
  ctx.body = { id: 'new', customerId, totalCents }
})

router.delete('/orders/:id', async (ctx) => {
  ctx.status = 204
})

export default router
