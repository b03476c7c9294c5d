import { supabase } from '@/lib/supabase'

export const q = supabase.from('orders').select('*, ...customers(full_name)')
