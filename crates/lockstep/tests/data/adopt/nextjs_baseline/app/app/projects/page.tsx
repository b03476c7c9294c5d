'use client';
import { useEffect, useState } from 'react';
import { supabase } from '@/lib/supabase';

export default function ProjectsPage() {
  const [rows, setRows] = useState<any[]>([]);

  useEffect(() => {
    fetch('/api/projects/export')
      .then((res) => res.json())
      .then((json) => setRows(json.rows));
  }, []);

  const openTasks = async (projectId: string) => {
    const { data } = await supabase
      .from('tasks')
      .select('id, title, status, priority, due_on')
      .eq('project_id', projectId)
      .eq('status', 'doing');
    return data;
  };

  const stats = async () => {
    const { data } = await supabase.from('project_stats').select('name, task_count').order('task_count');
    return data;
  };

  const remove = async (id: string) => {
    const res = await fetch(`/api/projects/${id}`, { method: 'DELETE' });
    return res.status === 204;
  };

  return <ul>{rows.map((r) => <li key={r.project_id} onClick={() => { openTasks(r.project_id); stats(); remove(r.project_id); }}>{r.name} ({r.task_count})</li>)}</ul>;
}
