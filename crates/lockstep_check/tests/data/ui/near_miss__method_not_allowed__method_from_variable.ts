export async function call(method: string) {
  await fetch('/api/orders', { method })
}
