import Stripe from 'npm:stripe@14'
import { createClient } from 'npm:@supabase/supabase-js@2'

const stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!)
const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!)

Deno.serve(async (req) => {
  const signature = req.headers.get('Stripe-Signature')
  const body = await req.text()
  let event: Stripe.Event
  try {
    event = await stripe.webhooks.constructEventAsync(body, signature!, Deno.env.get('STRIPE_WEBHOOK_SIGNING_SECRET')!)
  } catch (err) {
    return new Response(`Webhook Error: ${(err as Error).message}`, { status: 400 })
  }

  const { error: duplicate } = await admin.from('processed_events').insert({ id: event.id, source: 'stripe' })
  if (duplicate) return new Response(JSON.stringify({ received: true }), { status: 200 })

  if (event.type === 'customer.subscription.updated') {
    const subscription = event.data.object as Stripe.Subscription
    await admin
      .from('teams')
      .update({ plan: subscription.items.data[0].price.lookup_key ?? 'pro' })
      .eq('stripe_customer_id', subscription.customer as string)
  }
  return new Response(JSON.stringify({ received: true }), { status: 200 })
})
