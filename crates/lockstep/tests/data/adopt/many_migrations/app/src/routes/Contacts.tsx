import { useEffect, useState } from 'react'
import { supabase } from '../lib/supabase'

type Contact = { id: string; name: string; email: string; phone_number: string | null; company_name: string | null }

export function Contacts() {
  const [contacts, setContacts] = useState<Contact[]>([])

  useEffect(() => {
    supabase
      .from('contacts')
      .select('id, name, email, phone_number, company_name')
      .order('name')
      .then(({ data }) => setContacts(data ?? []))
  }, [])

  async function rename(id: string, name: string) {
    await supabase.from('contacts').update({ name }).eq('id', id)
  }

  return (
    <table>
      <tbody>
        {contacts.map((c) => (
          <tr key={c.id} onDoubleClick={() => rename(c.id, prompt('Name') ?? c.name)}>
            <td>{c.name}</td>
            <td>{c.company_name}</td>
            <td>{c.phone_number}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
