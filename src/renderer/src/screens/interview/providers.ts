/** Email sending providers offered in the interview (ids match the engine's provider catalog). */
export const EMAIL_PROVIDERS: { id: string; label: string }[] = [
  { id: 'google-workspace', label: 'Google Workspace' },
  { id: 'microsoft-365', label: 'Microsoft 365' },
  { id: 'amazon-ses', label: 'Amazon SES' },
  { id: 'sendgrid', label: 'SendGrid' },
  { id: 'mailgun', label: 'Mailgun' },
  { id: 'postmark', label: 'Postmark' },
  { id: 'resend', label: 'Resend' },
  { id: 'brevo', label: 'Brevo' },
  { id: 'mailchimp', label: 'Mailchimp / Mandrill' },
  { id: 'zoho', label: 'Zoho Mail' },
  { id: 'hubspot', label: 'HubSpot' },
  { id: 'customer-io', label: 'Customer.io' },
]
