import { z } from 'zod';
import { PLATFORMS } from '../mention.js';
import { ZIncidents } from './incidents-schema.js';
import { ZSpikes } from './spikes-schema.js';
import { REPLY_PURPOSES, ZAiDrafts, ZVoice } from './voice-schema.js';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const ZPriority = z.enum(PRIORITIES);
export type TPriority = z.infer<typeof ZPriority>;

export const CATEGORIES = [
  'outage',
  'defect',
  'billing',
  'delivery',
  'service',
  'question',
  'praise',
  'lead',
  'spam',
  'abuse',
  'other',
] as const;
export const ZCategory = z.enum(CATEGORIES);
export type TCategory = z.infer<typeof ZCategory>;

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const ZSentiment = z.enum(SENTIMENTS);
export type TSentiment = z.infer<typeof ZSentiment>;

export const ROLES = ['responder', 'approver', 'viewer'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time like "09:00"');

/** IANA zone names are checked against the runtime's own tz database, so a typo fails at start-up. */
export const ZTimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a known IANA time zone (e.g. "Europe/London")' },
);

const ZBusinessHours = z.union([
  z.literal('24x7'),
  z
    .object({
      days: z.array(z.enum(WEEKDAYS)).min(1),
      start: ZClock,
      end: ZClock,
    })
    .strict()
    .refine((h) => h.start < h.end, { message: 'start must be before end', path: ['end'] }),
]);
export type TBusinessHours = z.infer<typeof ZBusinessHours>;

const ZSlaMinutes = z
  .object({
    P1: z.number().int().positive(),
    P2: z.number().int().positive(),
    P3: z.number().int().positive(),
    P4: z.number().int().positive(),
  })
  .strict();

export const ZMember = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"'),
    name: z.string().min(1),
    email: z.string().email().optional(),
    role: ZRole,
    needsApproval: z.boolean().default(false),
    manager: z.boolean().default(false),
    slackUserId: z.string().regex(/^[UW][A-Z0-9]+$/, 'must be a Slack user id like "U012AB3CD"').optional(),
    teamsUserId: z.string().min(1).optional(),
    timezone: ZTimeZone.optional(),
    /** Local time of this manager's daily digest, or "off"; unset follows the organisation's `digestAt`. */
    digestAt: z.union([ZClock, z.literal('off')]).optional(),
  })
  .strict();
export type TMember = z.infer<typeof ZMember>;

export const ZTeam = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and "-"'),
    name: z.string().min(1),
    slack: z
      .object({ channel: z.string().regex(/^[CGD][A-Z0-9]+$/, 'must be a Slack channel id like "C012AB3CD"') })
      .strict()
      .optional(),
    teams: z.object({ conversationId: z.string().min(1) }).strict().optional(),
    timezone: ZTimeZone.optional(),
    businessHours: ZBusinessHours.default('24x7'),
    slaMinutes: ZSlaMinutes.optional(),
    members: z.array(ZMember).default([]),
  })
  .strict();
export type TTeam = z.infer<typeof ZTeam>;

const oneOrMany = <T extends z.ZodTypeAny>(item: T) =>
  z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

/** A routing rule matches when every condition it names matches; unnamed conditions are ignored. */
export const ZRoutingRule = z
  .object({
    name: z.string().min(1),
    team: z.string().min(1),
    match: z
      .object({
        platform: oneOrMany(z.enum(PLATFORMS)).optional(),
        category: oneOrMany(ZCategory).optional(),
        keywords: oneOrMany(z.string().min(1)).optional(),
        regex: z
          .string()
          .refine(
            (s) => {
              try {
                new RegExp(s, 'iu');
                return true;
              } catch {
                return false;
              }
            },
            { message: 'is not a valid regular expression' },
          )
          .optional(),
        lang: oneOrMany(z.string().min(2)).optional(),
        tier: oneOrMany(z.string().min(1)).optional(),
        sentiment: oneOrMany(ZSentiment).optional(),
      })
      .strict(),
  })
  .strict();
export type TRoutingRule = z.infer<typeof ZRoutingRule>;

export const ZSavedReply = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1).max(75),
    text: z.string().min(1).max(2000),
    /** Ranking hints: the categories and language this reply answers, and the dialogs it fits (all when unset). */
    categories: z.array(z.enum(CATEGORIES)).optional(),
    lang: z.string().min(2).max(8).optional(),
    use: z.array(z.enum(REPLY_PURPOSES)).min(1).optional(),
  })
  .strict();
export type TSavedReply = z.infer<typeof ZSavedReply>;

export const ZOrgChart = z
  .object({
    version: z.literal(1),
    organisation: z.string().min(1),
    timezone: ZTimeZone.default('UTC'),
    defaultSlaMinutes: ZSlaMinutes.default({ P1: 30, P2: 60, P3: 240, P4: 1440 }),
    fallbackTeam: z.string().min(1),
    teams: z.array(ZTeam).min(1),
    routing: z.array(ZRoutingRule).default([]),
    riskKeywords: z.array(z.string().min(1)).default(['lawsuit', 'sue', 'injury', 'injured', 'data breach', 'hacked']),
    customerTiers: z.record(z.string(), z.object({ weight: z.number().positive().max(10) }).strict()).default({}),
    brandHandles: z.array(z.string().min(1)).default([]),
    savedReplies: z.array(ZSavedReply).default([]),
    /** The brand's voice for AI drafts, and the promises and links drafts are checked against. */
    voice: ZVoice.default(ZVoice.parse({})),
    aiDrafts: ZAiDrafts.default({}),
    /** When a cluster becomes one live incident card instead of a card per mention (src/incidents). */
    incidents: ZIncidents.default(ZIncidents.parse({})),
    /** Spike alerts: a sudden rise against the usual level for that hour of the week (src/incidents/spike-*.ts). */
    spikes: ZSpikes.default(ZSpikes.parse({})),
    /** When managers get their daily digest, in their own time zone, unless they set their own time or "off". */
    digestAt: z.union([ZClock, z.literal('off')]).default('08:00'),
  })
  .strict()
  .superRefine((chart, ctx) => {
    const ids = new Map<string, number>();
    chart.teams.forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['teams', i, 'id'], message: `duplicate team id "${t.id}"` });
      ids.set(t.id, i);
    });
    if (!ids.has(chart.fallbackTeam)) {
      ctx.addIssue({ code: 'custom', path: ['fallbackTeam'], message: `names unknown team "${chart.fallbackTeam}"` });
    }
    chart.routing.forEach((r, i) => {
      if (!ids.has(r.team)) ctx.addIssue({ code: 'custom', path: ['routing', i, 'team'], message: `names unknown team "${r.team}"` });
    });
    (chart.incidents.ownCard.tiers ?? []).forEach((t, i) => {
      if (!(t in chart.customerTiers)) ctx.addIssue({ code: 'custom', path: ['incidents', 'ownCard', 'tiers', i], message: `names unknown customer tier "${t}"` });
    });
    const members = new Set<string>();
    chart.teams.forEach((t, ti) =>
      t.members.forEach((m, mi) => {
        // A person may sit in several teams, but then every entry must describe the same person.
        const key = `${t.id}/${m.id}`;
        if (members.has(key)) ctx.addIssue({ code: 'custom', path: ['teams', ti, 'members', mi, 'id'], message: `duplicate member id "${m.id}" in team "${t.id}"` });
        members.add(key);
      }),
    );
    checkChatIdsUnique(chart.teams, ctx);
  });
export type TOrgChart = z.infer<typeof ZOrgChart>;

/**
 * A chat account must map to one member: with "first match wins", a member who needs approval could act as the
 * colleague listed first with the same id. The same member listed in several teams may repeat their own ids.
 * Teams ids are compared case-insensitively, as the Teams lookup does.
 */
function checkChatIdsUnique(teams: readonly TTeam[], ctx: z.RefinementCtx): void {
  for (const [field, norm] of [
    ['slackUserId', (v: string) => v],
    ['teamsUserId', (v: string) => v.toLowerCase()],
  ] as const) {
    const owner = new Map<string, { member: string; team: string }>();
    teams.forEach((t, ti) =>
      t.members.forEach((m, mi) => {
        const raw = m[field];
        if (!raw) return;
        const first = owner.get(norm(raw));
        if (!first) owner.set(norm(raw), { member: m.id, team: t.id });
        else if (first.member !== m.id) {
          ctx.addIssue({ code: 'custom', path: ['teams', ti, 'members', mi, field], message: `${field} "${raw}" is already used by member "${first.member}" (team "${first.team}"); each chat account must belong to one member` });
        }
      }),
    );
  }
}
