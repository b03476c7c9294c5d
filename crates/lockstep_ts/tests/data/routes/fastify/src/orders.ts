import type { FastifyInstance } from 'fastify'

export default async function ordersRoutes(fastify: FastifyInstance) {
  fastify.get('/orders', async (request, reply) => {
    return reply.send({ data: [] })
  })

  fastify.post('/orders', async (request, reply) => {
    const { customerId } = request.body as { customerId: string }
    reply.code(201).send({ id: 'new', customerId })
  })

  fastify.delete('/orders/:id', async (request, reply) => {
    reply.code(204).send()
  })
}
