'use server'
import { createServerClient } from '@supabase/ssr'

export async function archive(id: string) {
  const supabase = createServerClient('u', 'k', { cookies: {} as never })
  await supabase.from('archived_orders').insert({ id })
}
