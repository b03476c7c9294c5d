import { supabase } from '@/lib/supabase'

export const all = supabase.from('Orders').select('id')
