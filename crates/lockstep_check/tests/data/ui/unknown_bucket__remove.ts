import { supabase } from '@/lib/supabase'

export const remove = (path: string) => supabase.storage.from('uploads').remove([path])
