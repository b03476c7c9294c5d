import { supabase } from '@/lib/supabase'

export async function save(id: string) {
  await supabase.from('customers').update({ full_name: 'A', "email": 'a@b.c' }).eq('id', id)
  await supabase.from('customers').upsert([{ id, email: 'x' }], { onConflict: 'email' })
}
