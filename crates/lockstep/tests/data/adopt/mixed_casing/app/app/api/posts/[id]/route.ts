import { NextResponse } from 'next/server'
import { supabase } from '../../../../lib/supabase'

export async function GET(_request: Request, { params }: { params: { id: string } }) {
  const { data: post, error } = await supabase.from('Post').select('id, title, viewCount').eq('id', params.id).single()
  if (error) {
    return NextResponse.json({ error: 'Post not found' }, { status: 404 })
  }
  const { data: comments } = await supabase
    .from('comments')
    .select('created_at')
    .eq('post_id', params.id)
    .order('created_at', { ascending: false })
  return NextResponse.json({
    post,
    commentCount: comments?.length ?? 0,
    lastCommentAt: comments?.[0]?.created_at ?? null,
  })
}

export async function PATCH(request: Request, { params }: { params: { id: string } }) {
  const { title, published } = await request.json()
  const { data, error } = await supabase.from('Post').update({ title, published }).eq('id', params.id).select().single()
  if (error) {
    return NextResponse.json({ error: error.message }, { status: 400 })
  }
  return NextResponse.json({ post: data })
}
