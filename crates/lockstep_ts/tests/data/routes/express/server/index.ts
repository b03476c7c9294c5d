import express from 'express'
import orders from './routes/orders'
import { health } from './health'

const app = express()
app.use(express.json())
app.use('/api', orders)
app.get('/health', health)
app.get('/login', (req, res) => res.redirect('/auth/signin'))

const admin = express.Router()
admin.route('/reports').get((req, res) => res.json({ reports: [] })).post((req, res) => {
  res.status(202)
  res.json({ queued: true })
})
app.use('/admin', admin)

app.listen(3000)
