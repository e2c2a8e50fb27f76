import type { TOrgChart } from '../../config/org-chart-schema.js';
import { managersOf } from '../../config/org-chart-queries.js';
import type { TChatNotice } from '../../outbox/outbox-kinds.js';
import { personRef, type TCaseView, type TPersonRef } from './case-view.js';

type TAlert = Extract<TChatNotice, { kind: 'escalation.notify' | 'sla.alert' | 'followup.remind' }>;

/**
 * Who an alert is for, the same on every surface: the team's managers (escalations, late breaches) and the case's
 * owner (SLA warnings; for a follow-up reminder, the person who took it offline).
 */
export function alertPeople(chart: TOrgChart, notice: TAlert, v: TCaseView): { managers: TPersonRef[]; owner: TPersonRef | null } {
  const team = 'team' in notice ? notice.team : v.team.id;
  return {
    managers: managersOf(chart, team).map((m) => personRef(chart, m.id)),
    owner: notice.kind === 'followup.remind' ? personRef(chart, notice.assignee) : v.assignee,
  };
}
