import { NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

export async function GET(request: Request) {
  const url = new URL(request.url)
  const limit = Number(url.searchParams.get('limit') ?? 20)
  const cursor = url.searchParams.get('cursor')
  const supabase = await createClient()
  let query = supabase
    .from('products')
    .select('id, name, price_cents, currency, image_path, created_at')
    .eq('status', 'active')
    .order('created_at', { ascending: false })
    .limit(limit + 1)
  if (cursor) query = query.lt('created_at', cursor)
  const { data, error } = await query
  if (error) throw error
  const page = data.slice(0, limit)
  const nextCursor = data.length > limit ? page[page.length - 1].created_at : null
  return NextResponse.json({ data: page, nextCursor })
}
