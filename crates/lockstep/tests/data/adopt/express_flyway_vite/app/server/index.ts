import express from 'express'
import { pool } from './db'

const app = express()
app.use(express.json())

app.get('/api/todos', async (req, res) => {
  const { rows } = await pool.query('select * from todos order by created_at desc')
  res.json({ todos: rows })
})

app.post('/api/todos', async (req, res) => {
  const { title } = req.body
  if (!title) return res.status(400).json({ error: 'title is required' })
  const { rows } = await pool.query('insert into todos (title) values ($1) returning *', [title])
  res.status(201).json(rows[0])
})

app.delete('/api/todos/:id', async (req, res) => {
  await pool.query('delete from todos where id = $1', [req.params.id])
  res.sendStatus(204)
})

app.listen(Number(process.env.PORT ?? 3000))
