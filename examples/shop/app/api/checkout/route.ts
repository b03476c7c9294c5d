import { NextResponse } from 'next/server'
import Stripe from 'stripe'
import { createClient } from '@/lib/supabase/server'

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!)

export async function POST(request: Request) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return NextResponse.json({ code: 'unauthorized', message: 'Sign in first' }, { status: 401 })

  const { items } = (await request.json()) as { items: { productId: string; quantity: number }[] }
  if (!Array.isArray(items) || items.length === 0) {
    return NextResponse.json({ code: 'empty_cart', message: 'The cart is empty' }, { status: 400 })
  }
  const { data: products } = await supabase.from('products').select('id, name, price_cents, currency').in('id', items.map((i) => i.productId))
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: (products ?? []).map((p) => ({
      quantity: items.find((i) => i.productId === p.id)?.quantity ?? 1,
      price_data: { currency: p.currency, unit_amount: p.price_cents, product_data: { name: p.name } },
    })),
    success_url: `${new URL(request.url).origin}/orders`,
  })
  return NextResponse.json({ url: session.url })
}
