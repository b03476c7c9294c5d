import { supabase } from './supabase'

export async function upload(file: File, table: string) {
  await supabase.storage.from('avatars').upload('a.png', file)
  return supabase.from(table).select('*')
}
