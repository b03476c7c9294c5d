Deno.serve(async () => {
  const secret = Deno.env.get('STRIPE_WEBHOOK_SECRET')
  return new Response(secret ? 'ok' : 'missing')
})
