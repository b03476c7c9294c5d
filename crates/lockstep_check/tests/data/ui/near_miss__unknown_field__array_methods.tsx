import { supabase } from '@/lib/supabase'

// Array methods, mutating ones included, are not fields of the rows.
export async function recentFirst(latest: { id: string; status: string }) {
  const { data: orders } = await supabase.from('orders').select('id, status')
  const rows = orders ?? []
  rows.unshift(latest)
  rows.push(latest)
  rows.splice(0, 1)
  const last = rows.at(-1)
  const index = rows.findLastIndex((row) => row.status === 'paid')
  return { last: last?.id, index, total: rows.reduceRight((sum, row) => sum + row.id.length, 0) }
}

export async function customersNewestFirst() {
  const res = await fetch('/api/customers')
  const customers = await res.json()
  customers.unshift({ id: 'new', fullName: 'New', email: '' })
  return customers.toReversed().map((c: { fullName: string }) => c.fullName)
}
