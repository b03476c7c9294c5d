export async function load() {
  const res = await fetch('/api/order-list')
  return res.json()
}
