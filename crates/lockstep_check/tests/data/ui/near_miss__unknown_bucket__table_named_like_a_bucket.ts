import { supabase } from '@/lib/supabase'

export const files = supabase.storage.from('avatars').list('me')
export const rows = supabase.from('customers').select('id')
