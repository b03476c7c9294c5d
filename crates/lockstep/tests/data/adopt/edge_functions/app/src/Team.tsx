import { useEffect, useState } from 'react'
import { supabase } from './supabase'

export function Team({ teamId }: { teamId: string }) {
  const [team, setTeam] = useState<{ name: string; plan: string } | null>(null)
  const [invites, setInvites] = useState<{ email: string; accepted_at: string | null }[]>([])

  useEffect(() => {
    supabase.from('teams').select('name, plan').eq('id', teamId).single().then(({ data }) => setTeam(data))
    supabase
      .from('invites')
      .select('email, accepted_at')
      .eq('team_id', teamId)
      .is('accepted_at', null)
      .then(({ data }) => setInvites(data ?? []))
  }, [teamId])

  async function resend(email: string) {
    const url = `${import.meta.env.VITE_SUPABASE_URL}/functions/v1/send-invite`
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ email, teamId }) })
    if (res.status === 409) alert('Already invited')
  }

  return (
    <section>
      <h1>{team?.name} ({team?.plan})</h1>
      {invites.map((i) => (
        <button key={i.email} onClick={() => resend(i.email)}>{i.email}</button>
      ))}
    </section>
  )
}
