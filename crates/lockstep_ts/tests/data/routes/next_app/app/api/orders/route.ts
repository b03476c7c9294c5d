import { NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

export async function GET(request: Request) {
  const supabase = createClient()
  const { data: orders, error } = await supabase.from('orders').select('id, status, total_cents')
  if (error) return NextResponse.json({ code: 'db', message: error.message }, { status: 500 })
  return NextResponse.json({ data: orders, nextCursor: null })
}

export async function POST(request: Request) {
  const { customerId, totalCents } = await request.json()
  const supabase = createClient()
  const { data, error } = await supabase.from('orders').insert({ customer_id: customerId, total_cents: totalCents }).select().single()
  if (error) return NextResponse.json({ code: 'invalid', message: error.message }, { status: 400 })
  return NextResponse.json(data, { status: 201 })
}
