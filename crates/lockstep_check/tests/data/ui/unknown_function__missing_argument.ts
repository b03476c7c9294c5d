import { supabase } from '../lib/supabaseClient'

export function useSearch() {
  return async (limit: number) => {
    const { data } = await supabase.rpc('search_orders', { max_rows: limit })
    return data
  }
}
