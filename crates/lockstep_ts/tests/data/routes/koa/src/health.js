import Router from '@koa/router'
import Koa from 'koa'

const app = new Koa()
const router = new Router()
router.get('/health', (ctx) => {
  ctx.status = 200
  ctx.body = 'ok'
})
app.use(router.routes())
