import { supabase } from '@/lib/supabase'

export async function rename(id: string, fullName: string) {
  await supabase.from('customers').update({ fullName }).eq('id', id)
}
