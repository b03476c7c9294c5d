import { supabase } from '@/lib/supabase'

// `note` references nothing: PostgREST cannot embed through it. `customer_id` does.
export const broken = supabase.from('orders').select('id, customers:note(full_name)')
export const fine = supabase.from('orders').select('id, buyer:customer_id(full_name)')
