import { NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const supabase = await createClient()
  const { data: product } = await supabase.from('products').select('*').eq('id', id).maybeSingle()
  if (!product) {
    return NextResponse.json({ code: 'not_found', message: 'No such product' }, { status: 404 })
  }
  return NextResponse.json(product)
}
