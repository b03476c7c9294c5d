export async function clear() {
  await fetch('/api/orders', { method: 'DELETE' })
}
