/**
 * A report as chat surfaces show it (a manager's digest, a stats answer): a title, then sections of facts and
 * items. Reports are composed in src/reports; renderers only lay this out, so Slack and Teams show the same.
 */
export interface TReportView {
  title: string;
  subtitle?: string;
  sections: { heading: string; facts?: { label: string; value: string }[]; items?: { text: string; url?: string | null }[] }[];
}

/** A composed digest: the report, and its chart drawn on demand at the pixel density the surface wants. */
export interface TComposedDigest {
  view: TReportView;
  picture(scale: number): Promise<Buffer>;
}

/** Composes one manager's digest for a local date, or null when there is nothing to send. */
export interface TDigestSource {
  compose(memberId: string, date: string): Promise<TComposedDigest | null>;
}
