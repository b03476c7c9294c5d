'use client'

import { useEffect, useState } from 'react'
import { supabase } from '../../lib/supabase'

type Comment = { id: string; body: string; created_at: string }

export function Comments({ postId }: { postId: string }) {
  const [comments, setComments] = useState<Comment[]>([])
  const [stats, setStats] = useState({ commentCount: 0, lastCommentAt: null as string | null })

  useEffect(() => {
    supabase
      .from('comments')
      .select('id, body, created_at')
      .eq('post_id', postId)
      .order('created_at')
      .then(({ data }) => setComments(data ?? []))
    fetch(`/api/posts/${postId}`)
      .then((res) => res.json())
      .then((json) => setStats({ commentCount: json.commentCount, lastCommentAt: json.lastCommentAt }))
  }, [postId])

  async function add(body: string, authorId: string) {
    await supabase.from('comments').insert({ post_id: postId, author_id: authorId, body })
  }

  return (
    <section>
      <h2>{stats.commentCount} comments</h2>
      {comments.map((c) => (
        <p key={c.id}>{c.body}</p>
      ))}
      <button onClick={() => add('Nice post', 'me')}>Reply</button>
    </section>
  )
}
