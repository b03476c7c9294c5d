import Fastify from 'fastify'
import ordersRoutes from './orders'

const fastify = Fastify()
fastify.register(ordersRoutes, { prefix: '/api' })
fastify.get('/health', async () => ({ ok: true }))
fastify.listen({ port: 3000 })
