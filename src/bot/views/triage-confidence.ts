/**
 * The confidence a case's triage carries, read back from its stored reasons (src/triage/finish.ts writes an
 * "Unsure: …" line first when the engine is unsure and a "Confidence: N% (…)" line last), so cards can put the
 * doubt first and the figure beside the decision without a second copy of either in the database.
 */
export interface TTriageConfidence {
  /** Calibrated, 0–100; null for cases triaged before confidence existed. */
  percent: number | null;
  /** Which tier decided ("sentence encoder and fast engine" / "fast engine"), when known. */
  by: string | null;
  /** The plain sentence staff read first ("Tone unclear — may be sarcastic"), when the engine was unsure. */
  unsure: string | null;
  /** The remaining reasons, in order. */
  reasons: string[];
}

const UNSURE = /^Unsure: (.+)$/s;
const CONFIDENCE = /^Confidence: (\d{1,3})% \(([^)]*)\)\.?$/;

export function triageConfidence(reasons: readonly string[]): TTriageConfidence {
  let percent: number | null = null;
  let by: string | null = null;
  let unsure: string | null = null;
  const rest: string[] = [];
  for (const r of reasons) {
    const u: RegExpExecArray | null = unsure === null ? UNSURE.exec(r) : null;
    const c: RegExpExecArray | null = percent === null ? CONFIDENCE.exec(r) : null;
    if (u) unsure = u[1]!;
    else if (c) [percent, by] = [Math.min(100, Number(c[1])), c[2]!];
    else rest.push(r);
  }
  return { percent, by, unsure, reasons: rest };
}
