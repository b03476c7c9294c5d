// Server-side configuration, read once.
export const config = {
  siteUrl: process.env.NEXT_PUBLIC_SITE_URL!,
  stripeSecretKey: process.env.STRIPE_SECRET_KEY!,
  resendApiKey: process.env.RESEND_API_KEY!,
  sentryDsn: process.env.SENTRY_DSN,
  logLevel: process.env.LOG_LEVEL ?? 'info',
  newCheckout: process.env.FEATURE_NEW_CHECKOUT === 'true',
}
