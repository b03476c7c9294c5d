import Router from 'koa-router'

const admin = new Router()
admin.prefix('/admin')

admin.get('/reports', async (ctx) => {
  ctx.body = { reports: [] }
})
