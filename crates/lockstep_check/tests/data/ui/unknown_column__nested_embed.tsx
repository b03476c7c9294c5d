import { supabase } from '@/lib/supabase'

export const query = supabase.from('orders').select(`
  id,
  customer:customers ( id, name )
`)
