import { supabase } from '@/lib/supabase'

// Names held in `const`s are followed: the table, the function and the bucket.
const TABLE = 'order'
const STATS_FN = 'order_totals'

export async function load() {
  const BUCKET = `avatar`
  const { data } = await supabase.from(TABLE).select('id')
  const { data: total } = await supabase.rpc(STATS_FN, { order_id: 'x' })
  await supabase.storage.from(BUCKET).upload('a.png', new Blob())
  return { data, total }
}
