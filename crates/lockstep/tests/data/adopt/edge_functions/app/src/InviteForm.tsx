import { useState } from 'react'
import { supabase } from './supabase'

export function InviteForm({ teamId }: { teamId: string }) {
  const [email, setEmail] = useState('')
  const [message, setMessage] = useState('')

  async function invite() {
    const { data, error } = await supabase.functions.invoke('send-invite', { body: { email, teamId } })
    if (error) {
      setMessage('Could not send the invite')
      return
    }
    setMessage(`Invited ${data.invite.email}`)
  }

  return (
    <form onSubmit={invite}>
      <input value={email} onChange={(e) => setEmail(e.target.value)} />
      <p>{message}</p>
    </form>
  )
}
