import { OpenAIStream, StreamingTextResponse } from 'ai'
import OpenAI from 'openai'

export async function POST(request: Request) {
  const { messages } = await request.json()
  try {
    const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })
    const response = await openai.chat.completions.create({ model: 'gpt-4o', messages, stream: true })
    return new StreamingTextResponse(OpenAIStream(response))
  } catch (error: any) {
    const status = error.status || 500
    return new Response(JSON.stringify({ message: error.message }), { status })
  }
}
