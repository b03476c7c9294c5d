import type { NextApiRequest, NextApiResponse } from 'next'
import { supabase } from '../../../lib/supabase'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    const { data } = await supabase.from('orders').select('*')
    return res.status(200).json({ data })
  }
  if (req.method === 'POST') {
    const { customerId, totalCents } = req.body
    const { data: order } = await supabase.from('orders').insert({ customer_id: customerId, total_cents: totalCents }).select().single()
    return res.status(201).json(order)
  }
  res.setHeader('Allow', 'GET, POST')
  res.status(405).end()
}
