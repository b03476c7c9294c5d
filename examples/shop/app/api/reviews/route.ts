import { NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

export async function POST(request: Request) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return NextResponse.json({ code: 'unauthorized', message: 'Sign in first' }, { status: 401 })
  const { productId, rating, body } = await request.json()
  if (!(rating >= 1 && rating <= 5)) {
    return NextResponse.json({ code: 'invalid_rating', message: 'Ratings go from 1 to 5' }, { status: 400 })
  }
  const { data, error } = await supabase
    .from('reviews')
    .insert({ product_id: productId, author_id: user.id, rating, body })
    .select('*')
    .single()
  if (error) return NextResponse.json({ code: 'invalid', message: error.message }, { status: 400 })
  return NextResponse.json(data, { status: 201 })
}
