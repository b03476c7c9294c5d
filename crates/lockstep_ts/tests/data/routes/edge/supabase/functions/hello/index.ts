import { serve } from 'https://deno.land/std@0.168.0/http/server.ts'

async function handler(req: Request): Promise<Response> {
  const { name } = await req.json()
  return new Response(JSON.stringify({ message: `Hello ${name}!` }), { headers: { 'Content-Type': 'application/json' } })
}

serve(handler)
