import express from 'express'
import crypto from 'node:crypto'

const app = express()

app.post('/webhooks/github', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.get('x-hub-signature-256') || ''
  const digest = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('hex')
  if (!crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(digest))) return res.status(401).end()
  const delivery = req.get('x-github-delivery')
  res.status(200).send('ok')
})
