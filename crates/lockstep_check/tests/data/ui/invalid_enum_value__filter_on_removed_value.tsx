import { supabase } from '@/lib/supabase'

export const refunds = supabase.from('orders').select('id').eq('status', 'refunded')
