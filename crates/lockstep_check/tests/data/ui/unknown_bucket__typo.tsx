import { supabase } from '@/lib/supabase'

export async function upload(file: File) {
  return supabase.storage.from('avatar').upload('me.png', file)
}
