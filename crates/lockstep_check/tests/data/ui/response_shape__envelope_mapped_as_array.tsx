export async function OrderList() {
  const res = await fetch('/api/orders', { cache: 'no-store' })
  const orders = await res.json()
  return (
    <ul>
      {orders.map((o: { id: string }) => (
        <li key={o.id}>{o.id}</li>
      ))}
    </ul>
  )
}
