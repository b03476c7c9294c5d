import { NextResponse } from 'next/server';
import { supabase } from '@/lib/supabase';

export async function GET() {
  const { data } = await supabase.from('project_stats').select('project_id, name, task_count');
  return NextResponse.json({ rows: data ?? [] });
}
