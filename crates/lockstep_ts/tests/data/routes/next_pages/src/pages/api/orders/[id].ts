import type { NextApiRequest, NextApiResponse } from 'next'

const handler = async (req: NextApiRequest, res: NextApiResponse) => {
  switch (req.method) {
    case 'DELETE':
      res.status(204).end()
      return
    case 'PUT':
    case 'PATCH':
      if (!req.body.status) return res.status(400).json({ code: 'missing', message: 'status' })
      return res.json({ order: { id: req.query.id, status: req.body.status }, warnings: [] })
    default:
      res.status(405).json({ code: 'method', message: 'not allowed' })
  }
}

export default handler
