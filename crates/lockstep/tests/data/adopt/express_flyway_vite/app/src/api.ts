const base = import.meta.env.VITE_API_URL ?? ''

export async function listTodos() {
  const res = await fetch('/api/todos')
  const json = await res.json()
  return json.todos.map((t: { title: string }) => t.title)
}

export async function addTodo(title: string) {
  const res = await fetch('/api/todos', { method: 'POST', body: JSON.stringify({ title }) })
  if (res.status === 400) throw new Error('invalid')
  return res.json()
}

export async function removeTodo(id: number) {
  const res = await fetch(`/api/todos/${id}`, { method: 'DELETE' })
  return res.status === 204 && base !== null
}
