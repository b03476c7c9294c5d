import { supabase } from '@/lib/supabase'

export const open = supabase.from('orders').select('id').in('status', ['pending', 'processing'])
