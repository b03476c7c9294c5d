import { createClient } from '@supabase/supabase-js'

const storageClient = createClient('u', 'k')
export const url = storageClient.storage.from('documents').getPublicUrl('a.pdf')
