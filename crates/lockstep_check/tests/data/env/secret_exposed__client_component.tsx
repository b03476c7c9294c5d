'use client'

export function Checkout() {
  const key = process.env.STRIPE_SECRET_KEY
  return <button data-key={key}>Pay</button>
}
