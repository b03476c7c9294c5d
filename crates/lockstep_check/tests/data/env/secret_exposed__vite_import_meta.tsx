export const api = import.meta.env.VITE_API_URL
export const db = import.meta.env.DATABASE_URL
