import Stripe from 'npm:stripe@14'

const stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!)

Deno.serve(async (request) => {
  const signature = request.headers.get('Stripe-Signature')!
  const body = await request.text()
  const event = await stripe.webhooks.constructEventAsync(body, signature, Deno.env.get('STRIPE_WEBHOOK_SIGNING_SECRET')!)
  console.log(event.id, event.type)
  return Response.json({ received: true })
})
