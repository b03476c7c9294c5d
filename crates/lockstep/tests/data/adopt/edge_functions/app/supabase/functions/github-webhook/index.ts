import { createClient } from 'npm:@supabase/supabase-js@2'

const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!)
const encoder = new TextEncoder()

async function isValid(secret: string, header: string, payload: string) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
  const signature = new Uint8Array(header.replace('sha256=', '').match(/../g)!.map((h) => parseInt(h, 16)))
  return crypto.subtle.verify('HMAC', key, signature, encoder.encode(payload))
}

Deno.serve(async (req) => {
  const payload = await req.text()
  const header = req.headers.get('x-hub-signature-256') ?? ''
  if (!(await isValid(Deno.env.get('GITHUB_WEBHOOK_SECRET')!, header, payload))) {
    return new Response('invalid signature', { status: 401 })
  }
  const event = JSON.parse(payload)
  if (req.headers.get('x-github-event') === 'deployment') {
    await admin.from('deployments').insert({ repository: event.repository.full_name, commit_sha: event.deployment.sha })
  }
  return new Response(null, { status: 202 })
})
