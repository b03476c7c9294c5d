import { NextResponse } from 'next/server'

export async function GET() {
  const url = process.env.DATABSE_URL
  return NextResponse.json({ ok: Boolean(url) })
}
