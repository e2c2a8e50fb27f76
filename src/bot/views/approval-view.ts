import type { TOrgChart } from '../../config/org-chart-schema.js';
import type { Reply } from '../../generated/prisma/client.js';
import { personRef, type TPersonRef } from './case-view.js';

/** A reply awaiting (or past) approval, as both surfaces' approval messages show it. */
export interface TApprovalState {
  replyId: string;
  text: string;
  author: TPersonRef;
  status: string;
  reviewer: TPersonRef | null;
}

export function approvalState(chart: TOrgChart, reply: Pick<Reply, 'id' | 'text' | 'author' | 'status' | 'approvedBy'>): TApprovalState {
  return {
    replyId: reply.id,
    text: reply.text,
    author: personRef(chart, reply.author),
    status: reply.status,
    reviewer: reply.approvedBy ? personRef(chart, reply.approvedBy) : null,
  };
}
