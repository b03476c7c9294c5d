'use client'

import { useState } from 'react'
import { createClient } from '@/lib/supabase/client'

export function ReviewForm({ productId, authorId }: { productId: string; authorId: string }) {
  const [rating, setRating] = useState(5)
  const [body, setBody] = useState('')
  const supabase = createClient()

  async function submit() {
    const { error } = await supabase
      .from('reviews')
      .upsert({ product_id: productId, author_id: authorId, rating, body }, { onConflict: 'product_id,author_id' })
      .select('id, rating, created_at')
      .single()
    if (error) alert(error.message)
  }

  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit() }}>
      <input type="number" min={1} max={5} value={rating} onChange={(e) => setRating(Number(e.target.value))} />
      <textarea value={body} onChange={(e) => setBody(e.target.value)} />
      <button type="submit">Post review</button>
    </form>
  )
}
