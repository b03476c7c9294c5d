'use server'

export async function charge() {
  return fetch('https://api.stripe.com/v1/charges', { headers: { Authorization: `Bearer ${process.env.STRIPE_SECRET_KEY}` } })
}
