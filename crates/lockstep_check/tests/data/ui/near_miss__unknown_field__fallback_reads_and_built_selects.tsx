'use client'
import { createClient } from '@supabase/supabase-js'

const supabase = createClient('https://x.supabase.co', 'anon')

// Defensive reads: one of the keys exists, so the others are a guard, not drift.
export async function firstOrders() {
  const res = await fetch('/api/orders')
  const json = await res.json()
  const rows = json.data || json.items || json.orders || []
  const cursor = json.data ?? json.results
  const guarded = (Array.isArray(json?.data) && json.data) || (Array.isArray(json?.items) && json.items) || []
  return { rows, cursor, guarded }
}

// A select built at run time: which keys the rows carry is not known.
export async function orders(withCustomer: boolean) {
  let columns = 'id, status'
  if (withCustomer) {
    columns += ', customer:customers(fullName)'
  }
  const { data } = await supabase.from('orders').select(columns)
  return (data ?? []).map((order: any) => order.customer?.fullName ?? order.status)
}
