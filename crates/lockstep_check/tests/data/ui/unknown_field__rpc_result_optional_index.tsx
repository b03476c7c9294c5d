import { supabase } from '@/lib/supabase'

// The rows of an rpc carry the function's result columns, under database names.
export async function FirstMatch({ query }: { query: string }) {
  const { data: found } = await supabase.rpc('search_orders', { query })
  const first = found?.[0]
  return <p>{found?.[0]?.total} {first?.status} {found?.[0]?.total_cents}</p>
}
