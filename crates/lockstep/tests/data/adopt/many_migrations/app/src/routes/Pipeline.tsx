import { useEffect, useState } from 'react'
import { supabase } from '../lib/supabase'

export function Pipeline({ contactId }: { contactId: string }) {
  const [deals, setDeals] = useState<{ id: string; title: string; value_cents: number; stage: string }[]>([])
  const [won, setWon] = useState(0)

  useEffect(() => {
    supabase
      .from('deals')
      .select('id, title, value_cents, stage, contact:contacts(name)')
      .eq('contact_id', contactId)
      .neq('stage', 'closed_lost')
      .then(({ data }) => setDeals(data ?? []))
    supabase.rpc('deal_total', { p_contact_id: contactId }).then(({ data }) => setWon(data ?? 0))
  }, [contactId])

  async function advance(id: string) {
    await supabase.from('deals').update({ stage: 'proposal' }).eq('id', id)
  }

  async function log(dealId: string, body: string) {
    await supabase.from('activities').insert({ deal_id: dealId, kind: 'note', body })
  }

  return (
    <section>
      <h2>Won: {won / 100}</h2>
      {deals.map((d) => (
        <article key={d.id}>
          {d.title} — {d.value_cents / 100} ({d.stage})
          <button onClick={() => advance(d.id)}>Send proposal</button>
          <button onClick={() => log(d.id, 'Called')}>Log call</button>
        </article>
      ))}
    </section>
  )
}
