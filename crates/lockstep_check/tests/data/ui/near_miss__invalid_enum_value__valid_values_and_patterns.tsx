import { supabase } from '@/lib/supabase'

export const a = supabase.from('orders').select('id').in('status', ['pending', 'paid']).neq('status', 'shipped')
export const b = supabase.from('orders').select('id').ilike('status', '%pend%')
export const c = supabase.from('orders').update({ status: 'paid', note: 'refunded' }).eq('id', 'x')
