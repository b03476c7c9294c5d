export async function charge() {
  const orders = await fetch('/api/orders')
  const res = await fetch('https://api.stripe.com/v1/charges', { method: 'POST' })
  if (res.status === 402) return 'declined'
  const health = await fetch('/health')
  return [orders.ok, health.status === 503]
}

export async function elsewhere(res: Response) {
  // A parameter named like the response above, in another function.
  return res.status === 418
}
