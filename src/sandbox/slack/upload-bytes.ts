/** The file part of an upload: Slack's upload URL takes raw bytes or a multipart form. */
export function fileBytes(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return body;
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(sep);
  while (start >= 0) {
    const next = body.indexOf(sep, start + sep.length);
    const part = body.subarray(start + sep.length, next < 0 ? body.length : next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0 && /filename=/.test(part.subarray(0, headerEnd).toString())) return part.subarray(headerEnd + 4, part.length - 2);
    start = next;
  }
  return body;
}
