import { Router } from 'express'
import { db } from '../db'

const router = Router()

router.get('/orders', async (req, res) => {
  const rows = await db.query('select * from orders')
  res.json({ data: rows })
})

router.post('/orders', async (req, res) => {
  const { customerId, totalCents } = req.body
  if (!customerId) return res.status(400).json({ code: 'missing', message: 'customerId' })
  const order = await db.insert({ customerId, totalCents })
  res.status(201).json(order)
})

router.delete('/orders/:id', async (req, res) => {
  await db.remove(req.params.id)
  res.sendStatus(204)
})

export default router
