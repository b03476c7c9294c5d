import { useEffect, useState } from 'react'
import { supabase } from '../lib/supabase'

type Task = { id: number; title: string; status: 'todo' | 'doing' | 'done'; due_date: string | null }

export function TaskBoard({ projectId }: { projectId: string }) {
  const [tasks, setTasks] = useState<Task[]>([])

  useEffect(() => {
    supabase
      .from('tasks')
      .select('id, title, status, due_date')
      .eq('project_id', projectId)
      .order('position', { ascending: true })
      .then(({ data }) => setTasks(data ?? []))
  }, [projectId])

  async function search(query: string) {
    const { data } = await supabase.from('tasks').select('id, title, status, due_date').textSearch('search', query)
    setTasks(data ?? [])
  }

  async function markDone(id: number) {
    await supabase.from('tasks').update({ status: 'done' }).eq('id', id)
  }

  async function addTask(title: string) {
    await supabase.from('tasks').insert({ project_id: projectId, title, position: tasks.length })
  }

  return (
    <ul>
      {tasks.map((task) => (
        <li key={task.id} onClick={() => markDone(task.id)}>
          {task.title} {task.due_date}
        </li>
      ))}
      <button onClick={() => addTask('New task')}>Add</button>
      <input onChange={(e) => search(e.target.value)} />
    </ul>
  )
}
