import { useEffect, useState } from 'react'
import { ProjectCard } from '../components/ProjectCard'

type Project = { id: number; title: string; description: string | null }

export default function Home() {
  const [projects, setProjects] = useState<Project[]>([])
  const [total, setTotal] = useState(0)

  useEffect(() => {
    fetch('/api/projects')
      .then((res) => res.json())
      .then((json) => {
        setProjects(json.projects)
        setTotal(json.total)
      })
  }, [])

  async function create(title: string) {
    const res = await fetch('/api/projects', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, description: null, userId: 1 }),
    })
    if (res.status === 422) {
      const { error } = await res.json()
      alert(error)
      return
    }
    const { project } = await res.json()
    setProjects([project, ...projects])
  }

  return (
    <main>
      <h1>{total} projects</h1>
      <button onClick={() => create('Untitled')}>New project</button>
      {projects.map((p) => (
        <ProjectCard key={p.id} project={p} />
      ))}
    </main>
  )
}
