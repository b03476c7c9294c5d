import { supabase } from '@/lib/supabase'

export default async function OrdersPage() {
  const { data, count } = await supabase
    .from('orders')
    .select('id, total:total_cents, customer:customers(full_name), ...customers(email)', { count: 'exact' })
  if (!data?.length) return <p>No orders ({count})</p>
  const first = data[0]
  return (
    <table>
      <caption>{first.customer?.full_name}</caption>
      {data.map(({ id, total, customer, email }) => (
        <tr key={id}>
          <td>{customer.full_name}</td>
          <td>{email.toLowerCase()}</td>
          <td>{total.toFixed(2)}</td>
        </tr>
      ))}
    </table>
  )
}

export async function allColumns() {
  const { data: rows } = await supabase.from('orders').select()
  for (const row of rows ?? []) {
    console.log(row.total_cents, row.customer_id, row.note)
  }
}
