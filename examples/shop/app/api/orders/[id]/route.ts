import { NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return NextResponse.json({ code: 'unauthorized', message: 'Sign in first' }, { status: 401 })
  const { data: order } = await supabase.from('orders').select('id, status').eq('id', id).maybeSingle()
  if (!order) return NextResponse.json({ code: 'not_found', message: 'No such order' }, { status: 404 })
  await supabase.from('orders').update({ status: 'cancelled' }).eq('id', id)
  return new NextResponse(null, { status: 204 })
}
