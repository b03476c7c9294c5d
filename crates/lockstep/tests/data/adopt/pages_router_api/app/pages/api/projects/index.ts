import type { NextApiRequest, NextApiResponse } from 'next'
import { pool } from '../../../lib/db'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  switch (req.method) {
    case 'GET': {
      const { rows } = await pool.query('SELECT * FROM projects WHERE archived = false ORDER BY created_at DESC')
      return res.status(200).json({ projects: rows, total: rows.length })
    }
    case 'POST': {
      const { title, description, userId } = req.body
      if (!title) {
        return res.status(422).json({ error: 'title is required' })
      }
      const { rows } = await pool.query(
        'INSERT INTO projects (title, description, user_id) VALUES ($1, $2, $3) RETURNING *',
        [title, description, userId],
      )
      return res.status(201).json({ project: rows[0] })
    }
    default:
      res.setHeader('Allow', ['GET', 'POST'])
      return res.status(405).end()
  }
}
