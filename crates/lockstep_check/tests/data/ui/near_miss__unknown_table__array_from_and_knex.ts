import knex from 'knex'
import { supabase } from '@/integrations/supabase/client'

export async function mixed(db: ReturnType<typeof knex>) {
  const letters = Array.from('abc')
  const legacy = await db.from('legacy_table').select('whatever')
  const { data } = await supabase.from('orders').select('id')
  return [letters, legacy, data]
}
