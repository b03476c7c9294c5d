import fastify from 'fastify'

const app = fastify()

app.get('/products/:id', async (request, reply) => {
  const product = await load((request.params as { id: string }).id)
  if (!product) return reply.status(404).send({ code: 'missing', message: 'no product' })
  return reply.send(product)
})

async function load(_id: string) {
  return null
}
