import { z } from 'zod'

export const VERTICALS = ['community', 'coach', 'membership', 'ecommerce', 'b2b'] as const
export const Vertical = z.enum(VERTICALS)
export type Vertical = z.infer<typeof Vertical>

/** Business areas a finding can touch; the risk report ranks findings that touch these first. */
export const FLOW_AREAS = ['signup', 'login', 'payment', 'email', 'core'] as const
export type FlowArea = (typeof FLOW_AREAS)[number]

export interface FlowDefault {
  key: string
  label: string
  path: string
  method: 'GET' | 'POST'
  area: FlowArea
}

export interface VerticalInfo {
  id: Vertical
  label: string
  /** One line the interview shows under the choice. */
  blurb: string
  /** p95 target for core authenticated reads, in ms. */
  p95TargetMs: number
  /** Where users start to feel the product is broken, when the roadmap names it. */
  brokenMs?: number
  flows: FlowDefault[]
}

export const VERTICAL_INFO: Record<Vertical, VerticalInfo> = {
  community: {
    id: 'community',
    label: 'Community platform',
    blurb: 'Members sign up, post and read a feed.',
    p95TargetMs: 300,
    flows: [
      { key: 'signup', label: 'Sign up', path: '/signup', method: 'GET', area: 'signup' },
      { key: 'login', label: 'Log in', path: '/login', method: 'GET', area: 'login' },
      { key: 'password-reset', label: 'Password reset', path: '/password/reset', method: 'GET', area: 'email' },
      { key: 'feed', label: 'Feed', path: '/api/feed', method: 'GET', area: 'core' },
      { key: 'post', label: 'Create a post', path: '/api/posts', method: 'POST', area: 'core' },
    ],
  },
  coach: {
    id: 'coach',
    label: 'Coach or consultant business',
    blurb: 'Clients book sessions and pay online.',
    p95TargetMs: 400,
    flows: [
      { key: 'signup', label: 'Sign up', path: '/signup', method: 'GET', area: 'signup' },
      { key: 'booking', label: 'Create a booking', path: '/api/bookings', method: 'POST', area: 'core' },
      { key: 'payment', label: 'Payment', path: '/checkout', method: 'GET', area: 'payment' },
      { key: 'dashboard', label: 'Dashboard', path: '/dashboard', method: 'GET', area: 'core' },
    ],
  },
  membership: {
    id: 'membership',
    label: 'Membership community',
    blurb: 'Paying members reach gated content.',
    p95TargetMs: 300,
    flows: [
      { key: 'signup', label: 'Sign up', path: '/signup', method: 'GET', area: 'signup' },
      { key: 'login', label: 'Log in', path: '/login', method: 'GET', area: 'login' },
      { key: 'checkout', label: 'Checkout', path: '/checkout', method: 'GET', area: 'payment' },
      { key: 'gated', label: 'Members-only page', path: '/members', method: 'GET', area: 'core' },
      { key: 'billing-webhook', label: 'Billing webhook', path: '/api/webhooks/billing', method: 'POST', area: 'payment' },
    ],
  },
  ecommerce: {
    id: 'ecommerce',
    label: 'Founder-led ecommerce',
    blurb: 'Shoppers check out and follow their orders.',
    p95TargetMs: 300,
    flows: [
      { key: 'checkout', label: 'Checkout', path: '/checkout', method: 'GET', area: 'payment' },
      { key: 'order-status', label: 'Order status', path: '/api/orders', method: 'GET', area: 'core' },
      { key: 'login-link', label: 'Login link', path: '/login', method: 'GET', area: 'login' },
      { key: 'password-reset', label: 'Password reset', path: '/password/reset', method: 'GET', area: 'email' },
      { key: 'webhooks', label: 'Payment webhooks', path: '/api/webhooks', method: 'POST', area: 'payment' },
    ],
  },
  b2b: {
    id: 'b2b',
    label: 'B2B service business',
    blurb: 'Teams sign in, manage profiles and run admin tasks.',
    p95TargetMs: 300,
    brokenMs: 500,
    flows: [
      { key: 'signup', label: 'Sign up', path: '/signup', method: 'GET', area: 'signup' },
      { key: 'login', label: 'Log in', path: '/login', method: 'GET', area: 'login' },
      { key: 'profile', label: 'Profile', path: '/api/profile', method: 'GET', area: 'core' },
      { key: 'post', label: 'Create a post', path: '/api/posts', method: 'POST', area: 'core' },
      { key: 'admin', label: 'Admin actions', path: '/admin', method: 'GET', area: 'core' },
    ],
  },
}

/** Cached public pages: time to first byte target, ms. */
export const TTFB_TARGET_MS = 200
