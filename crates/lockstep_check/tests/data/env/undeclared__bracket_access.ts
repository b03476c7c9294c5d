export const key = process.env['RESEND_API_KEY']
