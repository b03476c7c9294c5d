import { supabase } from '@/lib/supabase'

export const q = supabase.from('orders').select('total_cents.sum, id')
