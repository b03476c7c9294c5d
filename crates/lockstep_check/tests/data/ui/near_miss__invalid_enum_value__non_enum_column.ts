import { supabase } from '@/lib/supabase'

export const q = supabase.from('customers').select('id').eq('full_name', 'refunded')
