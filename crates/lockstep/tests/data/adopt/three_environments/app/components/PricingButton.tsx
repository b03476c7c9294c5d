'use client'

export function PricingButton({ priceId }: { priceId: string }) {
  async function checkout() {
    const res = await fetch('/api/checkout', { method: 'POST', body: JSON.stringify({ priceId }) })
    if (res.status === 400) return
    const { url } = await res.json()
    window.location.href = url
  }
  return (
    <button onClick={checkout}>
      Subscribe on {process.env.NEXT_PUBLIC_SITE_URL}
    </button>
  )
}
