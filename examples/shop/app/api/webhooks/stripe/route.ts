import Stripe from 'stripe'
import { createClient } from '@supabase/supabase-js'

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!)
const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)

export async function POST(request: Request) {
  const signature = request.headers.get('stripe-signature') ?? ''
  const payload = await request.text()
  let event: Stripe.Event
  try {
    event = stripe.webhooks.constructEvent(payload, signature, process.env.STRIPE_WEBHOOK_SECRET!, 300)
  } catch {
    return new Response('invalid signature', { status: 400 })
  }
  // A redelivered event is acknowledged without being processed again.
  const { error: seen } = await admin.from('webhook_events').insert({ id: event.id })
  if (seen?.code === '23505') return new Response(null, { status: 200 })

  if (event.type === 'checkout.session.completed') {
    const session = event.data.object as Stripe.Checkout.Session
    await admin
      .from('orders')
      .update({ status: 'paid', updated_at: new Date().toISOString() })
      .eq('stripe_session_id', session.id)
      .eq('status', 'pending')
  }
  return new Response(null, { status: 200 })
}
