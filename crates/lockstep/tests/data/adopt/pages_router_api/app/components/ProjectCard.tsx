import { useState } from 'react'

export function ProjectCard({ project }: { project: { id: number; title: string } }) {
  const [gone, setGone] = useState(false)
  const [members, setMembers] = useState<{ name: string; role: string }[]>([])

  async function archive() {
    await fetch(`/api/projects/${project.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ archived: true }),
    })
  }

  async function remove() {
    const res = await fetch(`/api/projects/${project.id}`, { method: 'DELETE' })
    if (res.status === 204) setGone(true)
  }

  async function showMembers() {
    const res = await fetch(`/api/projects/${project.id}/members`)
    setMembers(await res.json())
  }

  if (gone) return null
  return (
    <article>
      <h2>{project.title}</h2>
      <button onClick={archive}>Archive</button>
      <button onClick={remove}>Delete</button>
      <button onClick={showMembers}>Members ({members.length})</button>
    </article>
  )
}
