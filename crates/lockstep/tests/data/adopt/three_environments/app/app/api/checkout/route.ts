import Stripe from 'stripe'
import { NextResponse } from 'next/server'
import { config } from '../../../lib/config'

const stripe = new Stripe(config.stripeSecretKey)

export async function POST(request: Request) {
  const { priceId } = await request.json()
  if (!priceId) {
    return NextResponse.json({ error: 'priceId is required' }, { status: 400 })
  }
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: priceId, quantity: 1 }],
    success_url: `${config.siteUrl}/welcome`,
    cancel_url: `${config.siteUrl}/pricing`,
  })
  return NextResponse.json({ url: session.url })
}
