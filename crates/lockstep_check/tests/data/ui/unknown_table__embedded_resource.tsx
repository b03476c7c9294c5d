import { createClient } from '@supabase/supabase-js'

const client = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!)

export function CustomerOrders() {
  return client.from('customers').select('id, invoices(id)')
}
