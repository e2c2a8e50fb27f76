import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { ConfigError, formatPath } from './config-error.js';
import { ZOrgChart, type TOrgChart } from './org-chart-schema.js';

/**
 * Parses org-chart YAML text; every problem names the file, line:column, the field path and the reason.
 * @example parseOrgChart(readFileSync('org.yaml', 'utf8'), 'org.yaml')
 */
export function parseOrgChart(text: string, file: string): TOrgChart {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return `${file}:${pos.line}:${pos.col}: YAML syntax: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const parsed = ZOrgChart.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    file,
    parsed.error.issues.map((issue) => {
      const { line, col } = locate(doc, issue.path, lineCounter);
      return `${file}:${line}:${col}: ${formatPath(issue.path)}: ${issue.message}`;
    }),
  );
}

const READ_ERRORS: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder', EACCES: 'permission denied' };

/**
 * Reads and validates an org-chart file. `namedBy` is where the path came from (the environment variable or a
 * command-line flag), so an unreadable file sends the person to the setting they actually used.
 */
export function loadOrgChart(file: string, namedBy = 'EARSHOT_ORG_CHART'): TOrgChart {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(file, [`${file}: cannot read the org chart file (${code}${READ_ERRORS[code] ? `: ${READ_ERRORS[code]}` : ''}); check the path given by ${namedBy}`]);
  }
  return parseOrgChart(text, file);
}

/** The deepest node that exists along the path: a missing field is reported where its parent is. */
function locate(doc: Document, path: readonly PropertyKey[], lc: LineCounter): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}
