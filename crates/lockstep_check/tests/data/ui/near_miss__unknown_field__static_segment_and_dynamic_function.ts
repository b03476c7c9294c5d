import { supabase } from '@/lib/supabase'

// The export's body is `POST /api/orders/export`'s, not `/api/orders/{id}`'s.
export async function exportOrders() {
  const res = await fetch('/api/orders/export', { method: 'POST' })
  const json = await res.json()
  return json.url
}

// A function named by a variable is any of them: its data is not checked against the first.
export async function runAction(fnName: string, body: unknown) {
  const { data } = await supabase.functions.invoke(fnName, { body })
  return data.receiptUrl ?? data.invited
}

export async function runTemplate(action: string) {
  const { data } = await supabase.functions.invoke(`${action}`, { body: {} })
  return data.invited
}
