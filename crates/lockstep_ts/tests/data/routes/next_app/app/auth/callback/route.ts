import { NextResponse, type NextRequest } from 'next/server'
import { createClient } from '@/utils/supabase/server'

export async function GET(request: NextRequest) {
  const url = new URL(request.url)
  const code = url.searchParams.get('code')
  if (code) {
    const { error } = await createClient().auth.exchangeCodeForSession(code)
    if (error) return NextResponse.redirect(`${url.origin}/signin?error=1`, 303)
  }
  return NextResponse.redirect(`${url.origin}/account`)
}
