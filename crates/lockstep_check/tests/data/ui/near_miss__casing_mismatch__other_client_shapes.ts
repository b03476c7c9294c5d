import { supabase } from '@/lib/supabase'

const api = { from: (_: string) => ({ select: (_: string) => null }) }
export const a = api.from('Orders').select('customerId')
export const b = supabase.from('customers').select('full_name, email')
