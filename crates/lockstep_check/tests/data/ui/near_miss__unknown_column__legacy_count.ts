import { supabase } from '@/lib/supabase'

// Older supabase-js code counts rows with a bare `count`.
export const total = supabase.from('orders').select('count')
