export const config = {
  dev: process.env.NODE_ENV !== 'production',
  db: process.env.DATABASE_URL,
  region: process.env.VERCEL_ENV,
}
