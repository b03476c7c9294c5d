'use client'

export const url = process.env.NEXT_PUBLIC_SUPABASE_URL
