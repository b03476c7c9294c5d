import { supabase } from '@/lib/supabase'

// A module-level const is visible in functions written above it; what it names is checked.
export async function statuses() {
  const { data } = await supabase.from(ORDERS).select('id, status').eq('status', 'paid')
  return data?.map((row) => row.status)
}

export async function reassigned() {
  // `let` may change: not followed.
  let table = 'nope'
  table = pick()
  return supabase.from(table).select('id')
}

export async function shadowed(ORDERS: string) {
  // A parameter hides the module's const: the table is unknown, not `orders`.
  return supabase.from(ORDERS).select('whatever')
}

const ORDERS = 'orders'

declare function pick(): string
