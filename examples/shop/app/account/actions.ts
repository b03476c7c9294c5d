'use server'

import { revalidatePath } from 'next/cache'
import { createClient } from '@/lib/supabase/server'

export async function updateProfile(formData: FormData) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) throw new Error('not signed in')

  const { error } = await supabase
    .from('profiles')
    .update({
      username: String(formData.get('username')),
      full_name: String(formData.get('fullName') ?? ''),
    })
    .eq('id', user.id)
  if (error) throw error

  const { data: profile } = await supabase.from('profiles').select('username, full_name, avatar_path, is_admin').eq('id', user.id).maybeSingle()
  revalidatePath('/account')
  return profile
}
