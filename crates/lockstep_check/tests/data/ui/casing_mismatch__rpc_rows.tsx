import { supabase } from '@/lib/supabase'

export async function SearchResults({ query }: { query: string }) {
  const { data: orders } = await supabase.rpc('search_orders', { query })
  return (
    <ul>
      {orders?.map((o) => (
        <li key={o.id}>{o.totalCents}</li>
      ))}
    </ul>
  )
}
