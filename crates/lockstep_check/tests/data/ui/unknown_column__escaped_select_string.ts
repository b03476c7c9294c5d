import { supabase } from './supabase'

// Escapes make the source longer than the select string: the caret must still sit under
// the name as written.
export async function load() {
  return supabase.from('orders').select('\tid, \u0074otal, nope')
}
