import { useState } from 'react'
import { supabase } from '../lib/supabase'

export function Account({ userId }: { userId: string }) {
  const [username, setUsername] = useState('')

  async function uploadAvatar(file: File) {
    const path = `${userId}/${file.name}`
    const { error } = await supabase.storage.from('avatars').upload(path, file, { upsert: true })
    if (error) throw error
    const { data } = supabase.storage.from('avatars').getPublicUrl(path)
    await supabase.from('profiles').update({ avatar_url: data.publicUrl }).eq('id', userId)
  }

  async function save() {
    await supabase.from('profiles').upsert({ id: userId, username, updated_at: new Date().toISOString() })
  }

  return (
    <form onSubmit={save}>
      <input value={username} onChange={(e) => setUsername(e.target.value)} />
      <input type="file" onChange={(e) => e.target.files && uploadAvatar(e.target.files[0])} />
    </form>
  )
}
