import { NextResponse } from 'next/server'
import { Resend } from 'resend'

const resend = new Resend(process.env.RESEND_API_KEY)

export async function POST(request: Request) {
  const { email, message } = await request.json()
  await resend.emails.send({
    from: process.env.CONTACT_FROM_EMAIL!,
    to: 'team@example.com',
    subject: `Contact from ${email}`,
    text: message,
  })
  return new NextResponse(null, { status: 204 })
}
