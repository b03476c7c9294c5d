export const a = fetch('https://api.stripe.com/v1/charges')
export const b = fetch('/manifest.json')
export const c = fetch('/orders/new')
const api = { get: (url: string) => url }
export const d = api.get('/api/not-checked')
