import { useOrders } from '@/hooks/useOrders'
import { supabase } from '@/lib/supabase'

export function Orders() {
  // A custom hook from another module: its shape is not known here.
  const { data } = useOrders()
  return <p>{data?.whatever}</p>
}

export async function shadowed() {
  const { data } = await supabase.from('orders').select('id')
  const labels = [{ data: { title: 'x' } }].map((data) => data.data.title)
  function inner(data: { label: string }) {
    return data.label
  }
  return [labels, inner({ label: 'a' }), data?.length]
}

export async function external() {
  const res = await fetch('https://api.example.com/orders')
  const json = await res.json()
  return json.data.items
}
