import { Hono } from 'hono'
import { orders } from './orders'

const app = new Hono()
app.route('/api', orders)
app.get('/health', (c) => c.text('ok'))
export default app
