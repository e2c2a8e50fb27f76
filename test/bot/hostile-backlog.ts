import type { TBacklogView } from '../../src/bot/views/backlog-view.js';
import { HOSTILE } from './hostile-fields.js';

/** A backlog card's view whose every name came from somewhere we do not control (org chart edits included). */
export const hostileBacklog = (): TBacklogView => ({
  team: { id: 'billing', name: HOSTILE.displayName },
  total: 124,
  groups: [
    { priority: 'P3', category: HOSTILE.handle, count: 80 },
    { priority: 'P4', category: 'praise', count: 44 },
  ],
  oldestAt: new Date('2026-11-23T10:24:00Z'),
  next: [{ caseId: 'c1', priority: 'P3', category: HOSTILE.handle, handle: HOSTILE.handle, platform: HOSTILE.displayName }],
});
