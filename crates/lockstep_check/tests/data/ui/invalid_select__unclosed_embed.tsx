import { supabase } from '@/lib/supabase'

export const q = supabase.from('orders').select('id, customer:customers(full_name')
