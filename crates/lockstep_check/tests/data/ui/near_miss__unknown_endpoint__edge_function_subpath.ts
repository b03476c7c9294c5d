import { createClient } from '@supabase/supabase-js'

const supabase = createClient('https://x.supabase.co', 'anon')

// Supabase sends every sub-path of a function to the function, which routes it itself.
export async function invite(teamId: string) {
  return supabase.functions.invoke(`invite-member/${teamId}`, { body: { role: 'member' } })
}
