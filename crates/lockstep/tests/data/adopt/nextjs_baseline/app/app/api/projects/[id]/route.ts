import { NextResponse } from 'next/server';
import { supabase } from '@/lib/supabase';

export async function GET(_request: Request, { params }: { params: { id: string } }) {
  const { data } = await supabase.from('projects').select('id, name').eq('id', params.id).maybeSingle();
  if (!data) return NextResponse.json({ message: 'not found' }, { status: 404 });
  return NextResponse.json({ id: data.id, name: data.name });
}

export async function DELETE(_request: Request, { params }: { params: { id: string } }) {
  await supabase.from('projects').delete().eq('id', params.id);
  return new NextResponse(null, { status: 204 });
}
