import { createClient } from 'https://esm.sh/@supabase/supabase-js@2'

const corsHeaders = { 'Access-Control-Allow-Origin': '*' }

// One function, several actions: the method checks sit in compound conditions.
Deno.serve(async (req) => {
  if (req.method === 'OPTIONS') {
    return new Response('ok', { headers: corsHeaders })
  }
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_ANON_KEY')!)
  const url = new URL(req.url)
  const action = url.searchParams.get('action')

  if (req.method === 'GET' && action === 'list') {
    // A chain split across statements.
    let query = supabase.from('orders').select('id, status, total_cents')
    const status = url.searchParams.get('status')
    if (status) query = query.eq('status', status)
    const { data: orders } = await query
    return new Response(JSON.stringify(orders), { headers: corsHeaders })
  }
  if (action === 'stats' && req.method === 'GET') {
    const { data: stats } = await supabase.rpc('order_stats')
    return Response.json(stats)
  }
  if (req.method === 'POST' && action === 'create') {
    const { total_cents } = await req.json()
    const { data: order } = await supabase.from('orders').insert({ total_cents }).select().single()
    const body = { order }
    body.warnings = []
    body['createdBy'] = 'edge'
    return Response.json(body, { status: 201 })
  }
  return Response.json({ error: 'unknown action' }, { status: 400 })
})
