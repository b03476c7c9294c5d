import { useEffect, useState } from 'react'
import { supabase } from '../lib/supabase'

export function Stats({ projectId }: { projectId: string }) {
  const [counts, setCounts] = useState<{ status: string; total: number }[]>([])

  useEffect(() => {
    supabase.rpc('task_counts', { p_project_id: projectId }).then(({ data }) => setCounts(data ?? []))
  }, [projectId])

  return <p>{counts.map((c) => `${c.status}: ${c.total}`).join(', ')}</p>
}
