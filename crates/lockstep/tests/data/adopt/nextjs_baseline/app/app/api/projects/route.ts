import { NextResponse } from 'next/server';
import { supabase } from '@/lib/supabase';

export async function GET() {
  const { data, error } = await supabase.from('projects').select('id, name, archived').eq('archived', false);
  if (error) return NextResponse.json({ message: error.message }, { status: 500 });
  return NextResponse.json({ projects: data });
}

export async function POST(request: Request) {
  const body = await request.json();
  const { data, error } = await supabase.from('projects').insert({ name: body.name, owner_id: body.ownerId }).select('id').single();
  if (error) return NextResponse.json({ message: error.message }, { status: 400 });
  return NextResponse.json({ id: data.id }, { status: 201 });
}
