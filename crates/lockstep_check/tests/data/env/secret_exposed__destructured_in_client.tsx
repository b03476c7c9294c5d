'use client'

const { DATABASE_URL } = process.env
export const Debug = () => <pre>{DATABASE_URL}</pre>
