import { useEffect, useState } from 'react'
import { supabase } from '../lib/supabase'

export function ProjectList({ onOpen }: { onOpen: (id: string) => void }) {
  const [projects, setProjects] = useState<{ id: string; name: string; color: string }[]>([])

  useEffect(() => {
    async function load() {
      const { data, error } = await supabase
        .from('projects')
        .select('id, name, color, tasks(count)')
        .order('created_at', { ascending: false })
      if (!error) setProjects(data)
    }
    load()
  }, [])

  return (
    <nav>
      {projects.map((project) => (
        <a key={project.id} style={{ color: project.color }} onClick={() => onOpen(project.id)}>
          {project.name}
        </a>
      ))}
    </nav>
  )
}
