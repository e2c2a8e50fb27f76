import type { TOrgChart } from '../../src/config/org-chart-schema.js';
import { createMemoryLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { registerDraftMetrics } from '../../src/replies/draft-metrics.js';
import { createReplyAssist } from '../../src/replies/reply-assist.js';
import { createTextSimilarity } from '../../src/replies/text-similarity.js';
import type { TDb } from '../../src/store/client.js';
import { loadEncoder } from '../../src/triage/encoder/index.js';

/** The real suggestions service, ranking by shared words and with AI drafts off: for tests that build deps by hand. */
export function wordsReplyAssist(db: TDb, orgChart: TOrgChart, now: () => Date) {
  const log = createMemoryLogger();
  return createReplyAssist({
    db,
    orgChart,
    now,
    log,
    similarity: createTextSimilarity({ mode: 'words', load: loadEncoder, log }),
    llm: null,
    fetch: globalThis.fetch,
    secrets: [],
    metrics: registerDraftMetrics(createMetrics({ processMetrics: false }), { db, orgChart, now }),
  });
}
