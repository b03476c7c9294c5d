import type { NextApiRequest, NextApiResponse } from 'next'
import { pool } from '../../../../lib/db'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') {
    return res.status(405).end()
  }
  const { rows } = await pool.query(
    'SELECT u.id, u.name, m.role FROM project_members m JOIN users u ON u.id = m.user_id WHERE m.project_id = $1',
    [req.query.id],
  )
  res.status(200).json(rows)
}
