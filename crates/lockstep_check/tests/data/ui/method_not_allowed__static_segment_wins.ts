// `/api/orders/export` is its own route: a static segment wins over `/api/orders/{id}`, so the
// PATCH that `{id}` accepts does not make this call fine.
export async function exportOrders() {
  const res = await fetch('/api/orders/export', { method: 'PATCH' })
  return res.ok
}
