import type { NextApiRequest, NextApiResponse } from 'next'
import { pool } from '../../../../lib/db'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = Number(req.query.id)

  if (req.method === 'GET') {
    const { rows } = await pool.query('SELECT * FROM projects WHERE id = $1', [id])
    if (rows.length === 0) return res.status(404).json({ error: 'not found' })
    return res.json({ project: rows[0] })
  }

  if (req.method === 'PATCH') {
    const { title, archived } = req.body
    const { rows } = await pool.query(
      'UPDATE projects SET title = COALESCE($2, title), archived = COALESCE($3, archived) WHERE id = $1 RETURNING *',
      [id, title, archived],
    )
    return res.status(200).json({ project: rows[0] })
  }

  if (req.method === 'DELETE') {
    await pool.query('DELETE FROM projects WHERE id = $1', [id])
    return res.status(204).end()
  }

  res.setHeader('Allow', 'GET, PATCH, DELETE')
  res.status(405).json({ error: 'method not allowed' })
}
