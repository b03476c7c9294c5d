import { NextResponse } from 'next/server'

export const DELETE = async (_req: Request, { params }: { params: { id: string } }) => {
  if (!params.id) return NextResponse.json({ code: 'missing', message: 'no id' }, { status: 404 })
  return new NextResponse(null, { status: 204 })
}

export async function PATCH(req: Request) {
  const body = await req.json()
  if (!['pending', 'paid'].includes(body.status)) {
    return Response.json({ error: 'bad status' }, { status: 409 })
  }
  return Response.json({ order: { id: 'x', status: body.status }, warnings: [] })
}
