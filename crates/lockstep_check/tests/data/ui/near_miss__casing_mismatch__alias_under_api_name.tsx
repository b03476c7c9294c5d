import { supabase } from '@/lib/supabase'

export const list = supabase.from('orders').select('id, customerId:customer_id, totalCents:total_cents')
